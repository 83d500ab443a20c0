// Test utility: prints the per-TU summary of each source as JSON, for debugging fixtures and
// for tests that check the summary itself. Usage: summary-dump FILE... -- COMPILER_ARGS
#include "coldstart/analyzer/SummaryBuilder.h"
#include "coldstart/rules/Loader.h"

#include "clang/AST/ASTContext.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <fstream>
#include <sstream>

using namespace coldstart;

static llvm::json::Value point(const analyzer::SourcePoint &P) {
  return std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

static llvm::json::Value deps(const std::vector<analyzer::ParamRef> &Deps) {
  llvm::json::Array A;
  for (const auto &D : Deps)
    A.push_back(D.Function + "#" + std::to_string(D.Index));
  return A;
}

int main(int argc, const char **argv) {
  std::vector<std::string> Files, Args{"-std=c++17"};
  bool AfterDash = false;
  for (int I = 1; I < argc; ++I) {
    if (std::string(argv[I]) == "--") {
      AfterDash = true;
      continue;
    }
    (AfterDash ? Args : Files).push_back(argv[I]);
  }
  for (const std::string &File : Files) {
    std::ifstream In(File);
    std::stringstream Code;
    Code << In.rdbuf();
    std::vector<std::string> FullArgs = Args;
    FullArgs.push_back("-resource-dir=" COLDSTART_RESOURCE_DIR);
    auto AST = clang::tooling::buildASTFromCodeWithArgs(Code.str(), FullArgs, File);
    analyzer::TranslationUnitSummary S =
        analyzer::summarizeTranslationUnit(AST->getASTContext(), rules::defaultRuleSet().Source);
    llvm::json::Object Out;
    llvm::json::Array Functions, Edges, Sites, Handlers;
    for (const auto &F : S.Functions)
      Functions.push_back(llvm::json::Object{
          {"id", F.Id}, {"name", F.Name}, {"def", point(F.Definition)}, {"library", F.Library}});
    for (const auto &E : S.Edges) {
      llvm::json::Array ArgDeps;
      for (const auto &D : E.ArgDeps)
        ArgDeps.push_back(deps(D));
      Edges.push_back(llvm::json::Object{{"from", E.Caller},
                                         {"to", E.Callee},
                                         {"kind", static_cast<int>(E.Kind)},
                                         {"at", point(E.Site)},
                                         {"once", E.OnceReason},
                                         {"owner_guard", E.OwnerGuard},
                                         {"virtual", E.Virtual},
                                         {"object", static_cast<int>(E.Object)},
                                         {"object_built", point(E.ObjectBuilt)},
                                         {"args", std::move(ArgDeps)}});
    }
    for (const auto &R : S.Sites)
      Sites.push_back(llvm::json::Object{{"in", R.Function},
                                         {"name", R.Name},
                                         {"rule", R.Rule},
                                         {"at", point(R.Where)},
                                         {"once", R.OnceReason},
                                         {"owner_guard", R.OwnerGuard},
                                         {"deps", deps(R.ArgDeps)}});
    for (const auto &H : S.Handlers)
      Handlers.push_back(llvm::json::Object{{"fn", H.Function}, {"name", H.Name}});
    Out["functions"] = std::move(Functions);
    Out["edges"] = std::move(Edges);
    Out["sites"] = std::move(Sites);
    Out["handlers"] = std::move(Handlers);
    llvm::json::Array Classes;
    for (const auto &C : S.Classes) {
      llvm::json::Array Methods;
      for (const auto &M : C.Methods)
        Methods.push_back(llvm::json::Object{{"id", M.Id}, {"overrides", M.Overrides}});
      Classes.push_back(llvm::json::Object{
          {"id", C.Id}, {"name", C.Name}, {"bases", C.Bases}, {"methods", std::move(Methods)}});
    }
    Out["classes"] = std::move(Classes);
    Out["constructed"] = S.ConstructedClasses;
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(Out))) << "\n";
  }
  return 0;
}
