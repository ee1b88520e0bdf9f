#include "names.h"

namespace cashmatch::gen {
namespace {

constexpr std::string_view kNameWords[] = {
    "Acme", "Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella", "Stark",
    "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Wonka", "Gringotts",
    "Oceanic", "Pied Piper", "Aperture", "Black Mesa", "Blue Ridge", "Summit", "Pinnacle",
    "Evergreen", "Redwood", "Silver Lake", "Granite", "Harbor", "Prairie", "Cascade", "Atlas",
    "Meridian", "Horizon", "Keystone", "Liberty", "Patriot", "Pioneer", "Frontier", "Heritage",
    "Lakeside", "Riverside", "Hillcrest", "Oakwood", "Maple", "Cedar", "Willow", "Birch",
    "Sterling", "Crown", "Royal", "Imperial", "Empire", "Capital", "Metro", "Urban", "Coastal",
    "Alpine", "Delta", "Sigma", "Omega", "Apex", "Vertex", "Zenith", "Nova", "Stellar",
    "Quantum", "Fusion", "Vector", "Matrix", "Nexus", "Orbit", "Polar", "Solar", "Lunar",
    "Bright", "Clear", "Swift", "Rapid", "Prime", "First", "United", "National", "General",
    "Allied", "Consolidated", "Standard", "Premier", "Superior", "Reliable", "Precision",
    "Dynamic", "Strategic", "Integrated", "Advanced", "Modern", "Classic", "Golden", "Iron",
    "Copper", "Emerald", "Sapphire", "Ruby", "Diamond", "Falcon", "Eagle", "Hawk", "Lion",
    "Tiger", "Bear", "Wolf", "Fox", "Raven", "Phoenix", "Dragon", "Griffin", "Bayview",
    "Brookfield", "Fairview", "Greenfield", "Highland", "Kingston", "Lancaster", "Madison",
    "Newport", "Oxford", "Princeton", "Richmond", "Salem", "Trenton", "Vernon", "Weston",
    "Yorkshire", "Schmidt", "Mueller", "Weber", "Fischer", "Becker", "Hoffmann", "Dupont",
    "Martin", "Bernard", "Rossi", "Russo", "Garcia", "Martinez", "Lopez", "Tanaka", "Suzuki",
    "Nakamura", "Kowalski", "Nowak", "Jansen", "De Vries", "Van Dijk", "Johansson", "Larsen",
};

constexpr std::string_view kIndustryWords[] = {
    "Logistics", "Foods", "Industries", "Manufacturing", "Supply", "Distribution", "Retail",
    "Holdings", "Partners", "Systems", "Solutions", "Technologies", "Engineering", "Services",
    "Trading", "Imports", "Exports", "Hardware", "Electric", "Plastics", "Metals", "Chemicals",
    "Pharma", "Medical", "Health", "Construction", "Builders", "Motors", "Automotive", "Textiles",
    "Apparel", "Furniture", "Packaging", "Paper", "Printing", "Media", "Energy", "Utilities",
    "Farms", "Dairy", "Beverages", "Brewing", "Bakery", "Grocers", "Marine", "Aviation",
    "Freight", "Transport", "Software", "Labs", "Instruments", "Tools", "Machinery", "Outfitters",
};

constexpr std::string_view kLegalForms[] = {
    "Inc", "Inc.", "LLC", "Corp", "Corporation", "Co", "Company", "Ltd", "Limited", "LLP",
    "GmbH", "AG", "SA", "S.A.", "SARL", "BV", "NV", "Pty Ltd", "PLC", "SpA", "AB", "Oy",
};

}  // namespace

std::span<const std::string_view> NameWords() { return kNameWords; }
std::span<const std::string_view> IndustryWords() { return kIndustryWords; }
std::span<const std::string_view> LegalForms() { return kLegalForms; }

}  // namespace cashmatch::gen
