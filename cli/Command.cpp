#include "Command.h"
#include "Registry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"

namespace cl = llvm::cl;

namespace coldstart::cli {

cl::OptionCategory &optionCategory() {
  static cl::OptionCategory Category("coldstart options");
  return Category;
}

std::vector<Registered> &registry() {
  static std::vector<Registered> Commands;
  return Commands;
}

CommandRegistration::CommandRegistration(cl::SubCommand &Sub, int (*Run)()) {
  registry().push_back({&Sub, Run});
}

std::vector<std::string> &mutableArgsAfterDoubleDash() {
  static std::vector<std::string> Args;
  return Args;
}
const std::vector<std::string> &argsAfterDoubleDash() {
  return mutableArgsAfterDoubleDash();
}

bool &mutableHadDoubleDash() {
  static bool Had = false;
  return Had;
}
bool hadDoubleDash() {
  return mutableHadDoubleDash();
}

OutputOptions::OutputOptions(cl::SubCommand &Sub, bool AllowSarif)
    : FormatName("format",
                 cl::desc(AllowSarif ? "Output format: text, json or sarif (default text)"
                                     : "Output format: text or json (default text)"),
                 cl::value_desc("text|json|sarif"), cl::init("text"), cl::sub(Sub),
                 cl::cat(optionCategory())),
      OutputFile("o", cl::desc("Write the report to FILE instead of standard output"),
                 cl::value_desc("FILE"), cl::sub(Sub), cl::cat(optionCategory())),
      FailOn("fail-on",
             cl::desc("Exit with status 1 when a finding is at or above this severity: note, "
                      "warning or error (default error)"),
             cl::value_desc("note|warning|error"), cl::init("error"), cl::sub(Sub),
             cl::cat(optionCategory())),
      AllowSarif(AllowSarif) {}

bool OutputOptions::validate() const {
  if (FormatName != "text" && FormatName != "json" && !(AllowSarif && FormatName == "sarif")) {
    fail("unknown --format '" + FormatName + "' (expected text, json" +
         (AllowSarif ? ", sarif" : "") + ")");
    return false;
  }
  if (!rules::parseSeverity(FailOn)) {
    fail("unknown --fail-on '" + FailOn + "' (expected note, warning or error)");
    return false;
  }
  return true;
}

report::Format OutputOptions::format() const {
  if (FormatName == "json")
    return report::Format::Json;
  if (FormatName == "sarif")
    return report::Format::Sarif;
  return report::Format::Text;
}

rules::Severity OutputOptions::failOn() const {
  return rules::parseSeverity(FailOn).value_or(rules::Severity::Error);
}

struct OutputSink::Impl {
  std::string Path;    // empty: stdout
  std::string TmpPath; // the file being written, renamed to Path on commit
  std::unique_ptr<llvm::raw_fd_ostream> File;
  bool Committed = false;
};

std::unique_ptr<OutputSink> OutputSink::open(const std::string &Path) {
  std::unique_ptr<OutputSink> Sink(new OutputSink());
  Sink->P = std::make_unique<Impl>();
  Sink->P->Path = Path;
  if (Path.empty() || Path == "-")
    return Sink;
  if (llvm::sys::fs::is_directory(Path)) {
    fail("cannot write report to '" + Path + "': is a directory");
    return nullptr;
  }
  // Write beside the destination and rename at the end: a failed run never leaves half a
  // report where CI would pick it up.
  int FD = -1;
  llvm::SmallString<256> Tmp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Path + "-%%%%%%.tmp", FD, Tmp)) {
    fail("cannot write report to '" + Path + "': " + EC.message());
    return nullptr;
  }
  Sink->P->TmpPath = std::string(Tmp);
  Sink->P->File = std::make_unique<llvm::raw_fd_ostream>(FD, /*shouldClose=*/true);
  return Sink;
}

OutputSink::~OutputSink() {
  if (P && P->File && !P->Committed) {
    P->File->close();
    P->File->clear_error();
    // The report failed anyway; say so if its temporary file stays behind.
    if (std::error_code EC = llvm::sys::fs::remove(P->TmpPath))
      llvm::WithColor::warning(llvm::errs(), "coldstart")
          << "cannot remove '" << P->TmpPath << "': " << EC.message() << "\n";
  }
}

llvm::raw_ostream &OutputSink::stream() {
  return P->File ? *P->File : llvm::outs();
}

bool OutputSink::commit() {
  if (!P->File) {
    llvm::outs().flush();
    return !llvm::outs().has_error();
  }
  P->File->close();
  if (P->File->has_error()) {
    std::string Why = P->File->error().message();
    P->File->clear_error();
    fail("cannot write report to '" + P->Path + "': " + Why);
    return false;
  }
  if (std::error_code EC = llvm::sys::fs::rename(P->TmpPath, P->Path)) {
    fail("cannot write report to '" + P->Path + "': " + EC.message());
    return false;
  }
  P->Committed = true;
  return true;
}

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "coldstart") << Message << "\n";
  return ExitFailure;
}

bool progressAllowed(report::Format F, const std::string & /*OutputFile*/) {
  return F == report::Format::Text && llvm::sys::Process::StandardErrIsDisplayed();
}

FileProgress::~FileProgress() {
  if (Drew)
    llvm::errs() << "\r\033[K";
}

void FileProgress::update(size_t Done, size_t Total, const std::string &File) {
  if (Total < MinFiles)
    return;
  llvm::errs() << "\r\033[K[" << Done << "/" << Total << "] " << llvm::sys::path::filename(File);
  Drew = true;
}

} // namespace coldstart::cli
