// Reading whole input files.
#ifndef CASHMATCH_TOOLS_FILE_IO_H_
#define CASHMATCH_TOOLS_FILE_IO_H_

#include <string>

#include "cashmatch/status.h"

namespace cashmatch::tools {

// The whole content of `path`; kNotFound or kIoError naming the path.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_FILE_IO_H_
