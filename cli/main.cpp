// coldstart: finds what makes an AWS Lambda function slow to start and slow per request.
#include "Command.h"
#include "Registry.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>

namespace cl = llvm::cl;
using namespace coldstart::cli;

static void printVersion(llvm::raw_ostream &OS) {
  OS << "coldstart " << COLDSTART_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
}

static const char *const Overview =
    "coldstart: finds what makes an AWS Lambda function slow to start and slow per request.\n\n"
    "  coldstart lint     source files: clients, connections and heavy objects built per "
    "invocation\n"
    "  coldstart index    keep the summaries of a compilation database's files for per-file runs\n"
    "  coldstart inspect  ELF binaries, deployment zips, layers: size, dependencies, start-up "
    "cost\n"
    "  coldstart measure  run a package's bootstrap locally and time cold and warm starts\n"
    "  coldstart calibrate fit the estimate's coefficients to this machine's measurements\n"
    "  coldstart rules    validate, list and explain the rule set\n\n"
    "Run 'coldstart <subcommand> --help' for a subcommand's options.\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings at or above it, 2 the tool "
    "could not do its job.\n";

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);

  // Everything after a bare "--" is handed to the subcommand untouched (compiler arguments for
  // `lint`), as clang-tidy does.
  std::vector<const char *> Args;
  for (int I = 0; I < argc; ++I) {
    if (I > 0 && std::strcmp(argv[I], "--") == 0) {
      mutableHadDoubleDash() = true;
      for (int J = I + 1; J < argc; ++J)
        mutableArgsAfterDoubleDash().push_back(argv[J]);
      break;
    }
    Args.push_back(argv[I]);
  }

  cl::SetVersionPrinter(printVersion);
  // libLLVM registers hundreds of options of its own; users of coldstart see only ours.
  cl::HideUnrelatedOptions(optionCategory(), cl::SubCommand::getTopLevel());
  for (const Registered &R : registry())
    cl::HideUnrelatedOptions(optionCategory(), *R.Sub);

  // A mistyped subcommand: name the nearest one rather than complain about every argument after
  // it (llvm::cl would report each as an unknown argument).
  if (Args.size() > 1 && Args[1][0] != '-') {
    llvm::StringRef Given = Args[1];
    std::vector<std::string> Names;
    std::string Nearest;
    unsigned Best = ~0u;
    for (const Registered &R : registry()) {
      llvm::StringRef Name = R.Sub->getName();
      Names.push_back(Name.str());
      unsigned Distance = Given.edit_distance(Name, /*AllowReplacements=*/true,
                                              /*MaxEditDistance=*/3);
      if (Distance < Best) {
        Best = Distance;
        Nearest = Name.str();
      }
    }
    std::sort(Names.begin(), Names.end());
    bool Known = llvm::is_contained(Names, Given);
    if (!Known) {
      llvm::errs() << "coldstart: error: unknown subcommand '" << Given << "'"
                   << (Best <= 2 ? "; did you mean '" + Nearest + "'?"
                                 : " (subcommands: " + llvm::join(Names, ", ") + ")")
                   << "\nRun 'coldstart --help' for usage.\n";
      return ExitFailure;
    }
  }

  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(static_cast<int>(Args.size()), Args.data(), Overview,
                                   &ErrorStream)) {
    ErrorStream.flush();
    llvm::errs() << Errors;
    llvm::errs() << "Run 'coldstart --help' for usage.\n";
    return ExitFailure;
  }

  for (const Registered &R : registry())
    if (*R.Sub)
      return R.Run();

  llvm::errs() << "coldstart: error: no subcommand given\n"
               << "Run 'coldstart --help' for usage.\n";
  return ExitFailure;
}
