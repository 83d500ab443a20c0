// Internal to the command: the list of registered subcommands main dispatches to.
#pragma once

#include "llvm/Support/CommandLine.h"

#include <string>
#include <vector>

namespace coldstart::cli {

struct Registered {
  llvm::cl::SubCommand *Sub;
  int (*Run)();
};

std::vector<Registered> &registry();
std::vector<std::string> &mutableArgsAfterDoubleDash();
bool &mutableHadDoubleDash();

} // namespace coldstart::cli
