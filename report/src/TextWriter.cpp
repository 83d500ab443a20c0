// Compiler-style text: `file:line:col: warning: message [rule-id]`, the call chain as notes, the
// fix hint, run notes and a summary line, so editors and CI log parsers pick the findings up.
#include "WriterSupport.h"
#include "coldstart/report/Writers.h"

#include "llvm/Support/raw_ostream.h"

namespace coldstart::report {

namespace {

/// One diagnostic is one line: control characters (newlines in a message or a file name) would
/// split it and break every line-oriented parser, so they become spaces.
std::string oneLine(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S)
    Out.push_back(static_cast<unsigned char>(C) < 0x20 || C == 0x7f ? ' ' : C);
  return Out;
}

/// `file:line:col`, `file:line` when the column is unknown, `file` for artifact paths.
void writePlace(llvm::raw_ostream &OS, const Location &L) {
  OS << (L.File.empty() ? std::string("coldstart") : oneLine(L.File));
  if (L.Line == 0)
    return;
  OS << ':' << L.Line;
  if (L.Column != 0)
    OS << ':' << L.Column;
}

void writeCount(llvm::raw_ostream &OS, bool &First, size_t N, llvm::StringRef Singular,
                llvm::StringRef Plural) {
  if (N == 0)
    return;
  if (!First)
    OS << ", ";
  First = false;
  OS << N << ' ' << (N == 1 ? Singular : Plural);
}

} // namespace

void writeText(const Report &R, llvm::raw_ostream &OS) {
  size_t Counts[3] = {0, 0, 0};
  for (const Finding &F : detail::sortedFindings(R.Findings)) {
    ++Counts[static_cast<int>(F.Level)];
    writePlace(OS, F.Where);
    OS << ": " << detail::severityName(F.Level) << ": " << oneLine(F.Message) << " [" << F.Rule
       << "]\n";
    for (const TraceStep &Step : F.Trace) {
      writePlace(OS, Step.Where);
      OS << ": note: " << oneLine(Step.Note) << '\n';
    }
    if (!F.FixHint.empty()) {
      writePlace(OS, F.Where);
      OS << ": note: fix: " << oneLine(F.FixHint) << '\n';
    }
  }
  for (const std::string &Note : R.RunNotes)
    OS << "coldstart: note: " << oneLine(Note) << '\n';
  if (R.Findings.empty())
    return;
  bool First = true;
  writeCount(OS, First, Counts[static_cast<int>(Severity::Error)], "error", "errors");
  writeCount(OS, First, Counts[static_cast<int>(Severity::Warning)], "warning", "warnings");
  writeCount(OS, First, Counts[static_cast<int>(Severity::Note)], "note", "notes");
  OS << " generated.\n";
}

} // namespace coldstart::report
