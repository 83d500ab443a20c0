#include "WriterSupport.h"

#include <cstdio>
#include <cstdlib>

namespace coldstart::report::detail {

/// The shortest decimal spelling that reads back as exactly the double Text spells: llvm::json
/// prints every double with 17 significant digits ("0.40000000000000002"), which is exact but
/// reads as noise; the shortest round-trip form ("0.4") is the same number.
static std::string shortestNumber(const std::string &Text) {
  char *End = nullptr;
  double Value = std::strtod(Text.c_str(), &End);
  if (End != Text.c_str() + Text.size())
    return Text;
  char Buffer[40];
  for (int Digits = 1; Digits <= 17; ++Digits) {
    std::snprintf(Buffer, sizeof(Buffer), "%.*g", Digits, Value);
    if (std::strtod(Buffer, nullptr) == Value)
      return Buffer;
  }
  return Text;
}

std::string withShortestNumbers(llvm::StringRef Json) {
  std::string Out;
  Out.reserve(Json.size());
  bool InString = false;
  for (size_t I = 0; I < Json.size();) {
    char C = Json[I];
    if (InString) {
      Out += C;
      if (C == '\\' && I + 1 < Json.size())
        Out += Json[++I];
      else if (C == '"')
        InString = false;
      ++I;
      continue;
    }
    if (C == '"') {
      InString = true;
      Out += C;
      ++I;
      continue;
    }
    if (C == '-' || (C >= '0' && C <= '9')) {
      size_t End = I + 1;
      while (End < Json.size() && llvm::StringRef("0123456789.eE+-").contains(Json[End]))
        ++End;
      std::string Number = Json.slice(I, End).str();
      // Integers are printed exactly already; only fractions and exponents are doubles.
      bool IsDouble = Number.find_first_of(".eE") != std::string::npos;
      Out += IsDouble ? shortestNumber(Number) : Number;
      I = End;
      continue;
    }
    Out += C;
    ++I;
  }
  return Out;
}

void writeJson(llvm::raw_ostream &OS, llvm::json::Value Document) {
  std::string Text;
  llvm::raw_string_ostream Printed(Text);
  Printed << llvm::formatv("{0:2}", std::move(Document));
  OS << withShortestNumbers(Text) << '\n';
}

} // namespace coldstart::report::detail
