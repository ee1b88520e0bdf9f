// The two open-items readers behind ReadOpenItems, one per format, with the
// same contract as ReadOpenItems (cashmatch/open_items_reader.h) once the
// format is known.
#ifndef CASHMATCH_INGEST_OPEN_ITEMS_FORMATS_H_
#define CASHMATCH_INGEST_OPEN_ITEMS_FORMATS_H_

#include <cstddef>
#include <string_view>

#include "cashmatch/open_items.h"
#include "cashmatch/open_items_reader.h"
#include "cashmatch/status.h"

namespace cashmatch {

Result<OpenItems> ReadOpenItemsCsv(std::string_view bytes, std::string_view file_name,
                                   const OpenItemsReadOptions& options);
Result<OpenItems> ReadOpenItemsJsonLines(std::string_view bytes, std::string_view file_name,
                                         const OpenItemsReadOptions& options);

// A guess at the number of rows in `bytes`, from the line length in its
// first 64 KiB, for reserving memory. Never more than one row per 32 bytes,
// so a hostile file of empty lines cannot make the reader reserve far more
// than the input's size.
size_t EstimateRows(std::string_view bytes);

}  // namespace cashmatch

#endif  // CASHMATCH_INGEST_OPEN_ITEMS_FORMATS_H_
