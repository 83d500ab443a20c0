// JSON for `lint` (the contracted fields of docs/architecture.md, plus fix, end positions and run notes) and the
// findings array `inspect` embeds in its document.
#include "WriterSupport.h"
#include "coldstart/report/Writers.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace coldstart::report {

using detail::jsonString;

void writeLintJson(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attributeArray("findings", [&] {
      for (const Finding &F : detail::sortedFindings(R.Findings)) {
        J.object([&] {
          J.attribute("rule", jsonString(F.Rule));
          J.attribute("severity", detail::severityName(F.Level));
          J.attribute("file", jsonString(F.Where.File));
          J.attribute("line", static_cast<int64_t>(F.Where.Line));
          J.attribute("column", static_cast<int64_t>(F.Where.Column));
          J.attribute("message", jsonString(F.Message));
          J.attribute("category", jsonString(F.Category));
          J.attribute("handler", jsonString(F.Handler));
          J.attributeArray("trace", [&] {
            for (const TraceStep &Step : F.Trace) {
              J.object([&] {
                J.attribute("file", jsonString(Step.Where.File));
                J.attribute("line", static_cast<int64_t>(Step.Where.Line));
                J.attribute("note", jsonString(Step.Note));
                if (Step.Where.Column != 0)
                  J.attribute("column", static_cast<int64_t>(Step.Where.Column));
              });
            }
          });
          if (F.Where.EndLine != 0)
            J.attribute("end_line", static_cast<int64_t>(F.Where.EndLine));
          if (F.Where.EndColumn != 0)
            J.attribute("end_column", static_cast<int64_t>(F.Where.EndColumn));
          if (!F.FixHint.empty())
            J.attribute("fix", jsonString(F.FixHint));
        });
      }
    });
    J.attributeArray("notes", [&] {
      for (const std::string &Note : R.RunNotes)
        J.value(jsonString(Note));
    });
  });
  OS << '\n';
}

llvm::json::Array inspectFindingsJson(const std::vector<Finding> &Findings) {
  llvm::json::Array Out;
  for (const Finding &F : detail::sortedFindings(Findings)) {
    llvm::json::Object O{{"rule", jsonString(F.Rule)},
                         {"severity", detail::severityName(F.Level)},
                         {"path", jsonString(F.Where.File)},
                         {"message", jsonString(F.Message)}};
    if (!F.Category.empty())
      O["category"] = jsonString(F.Category);
    if (!F.FixHint.empty())
      O["fix"] = jsonString(F.FixHint);
    Out.push_back(std::move(O));
  }
  return Out;
}

} // namespace coldstart::report
