// Word lists for believable customer names, streets and people.
#ifndef CASHMATCH_TOOLS_GEN_NAMES_H_
#define CASHMATCH_TOOLS_GEN_NAMES_H_

#include <span>
#include <string_view>

namespace cashmatch::gen {

std::span<const std::string_view> NameWords();     // "Acme", "Northwind", ...
std::span<const std::string_view> IndustryWords(); // "Logistics", "Foods", ...
std::span<const std::string_view> LegalForms();    // "Inc", "LLC", "GmbH", ...

}  // namespace cashmatch::gen

#endif  // CASHMATCH_TOOLS_GEN_NAMES_H_
