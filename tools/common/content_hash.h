// The content hash that recognises a file already ingested, whatever its
// name: XXH3-128 over the bytes, as 32 lower-case hex digits.
#ifndef CASHMATCH_TOOLS_CONTENT_HASH_H_
#define CASHMATCH_TOOLS_CONTENT_HASH_H_

#include <string>
#include <string_view>

namespace cashmatch::tools {

std::string ContentHash(std::string_view bytes);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CONTENT_HASH_H_
