// The analyzer's core API as the clang-tidy plugin uses it: summarize an ASTContext, join one
// or many summaries, map findings back to SourceLocations.
#include "coldstart/analyzer/Join.h"
#include "coldstart/analyzer/SummaryBuilder.h"
#include "coldstart/rules/Loader.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace coldstart;
using namespace coldstart::analyzer;

namespace {

/// Just enough of the SDK and runtime to write handlers in a string.
constexpr const char *Prelude = R"cpp(
#include <functional>
#include <memory>
#include <mutex>
#include <string>
namespace Aws { namespace Client {
struct ClientConfiguration { ClientConfiguration(); std::string region; };
class AWSClient { public: explicit AWSClient(const ClientConfiguration &); };
}
namespace S3 { class S3Client : public Client::AWSClient {
public: S3Client(); explicit S3Client(const Client::ClientConfiguration &c); }; }
}
namespace aws { namespace lambda_runtime {
struct invocation_request { std::string payload; };
struct invocation_response { static invocation_response success(std::string, std::string); };
void run_handler(std::function<invocation_response(invocation_request const &)> const &);
} }
using namespace aws::lambda_runtime;
)cpp";

std::unique_ptr<clang::ASTUnit> parse(const std::string &Code, const std::string &Name) {
  return clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code, {"-std=c++17", "-resource-dir=" COLDSTART_RESOURCE_DIR}, Name);
}

TranslationUnitSummary summarize(clang::ASTUnit &AST) {
  return summarizeTranslationUnit(AST.getASTContext(), rules::defaultRuleSet().Source);
}

unsigned preludeLines() {
  return std::count(Prelude, Prelude + strlen(Prelude), '\n');
}

TEST(SummaryApi, RecordsHandlersEdgesAndSitesOfOneTu) {
  auto AST = parse(R"cpp(
Aws::S3::S3Client make() { return Aws::S3::S3Client(); }
invocation_response handle(invocation_request const &r) { make(); return invocation_response::success(r.payload, ""); }
int main() { run_handler(handle); }
)cpp",
                   "one.cpp");
  TranslationUnitSummary S = summarize(*AST);
  ASSERT_EQ(S.Handlers.size(), 1u);
  EXPECT_EQ(S.Handlers[0].Name, "handle");
  EXPECT_EQ(S.Handlers[0].Via, "aws::lambda_runtime::run_handler");
  auto Site = std::find_if(S.Sites.begin(), S.Sites.end(),
                           [](const ResourceSite &R) { return R.Name == "Aws::S3::S3Client"; });
  ASSERT_NE(Site, S.Sites.end());
  EXPECT_EQ(Site->Rule, "coldstart-client-in-handler");
  EXPECT_EQ(Site->Where.Line, preludeLines() + 2);
  EXPECT_FALSE(Site->onceOnly());
  bool HandlerCallsMake = std::any_of(S.Edges.begin(), S.Edges.end(), [&](const CallEdge &E) {
    return E.Caller == S.Handlers[0].Function && E.CalleeName == "make" && E.Kind == EdgeKind::Call;
  });
  EXPECT_TRUE(HandlerCallsMake);
}

TEST(SummaryApi, MarksOnceOnlyContextsWithTheirReason) {
  auto AST = parse(R"cpp(
std::unique_ptr<Aws::S3::S3Client> g;
std::once_flag flag;
invocation_response handle(invocation_request const &) {
  static Aws::S3::S3Client a;
  std::call_once(flag, [] { Aws::S3::S3Client b; });
  if (!g) g = std::make_unique<Aws::S3::S3Client>();
  return invocation_response::success("", "");
}
int main() { run_handler(handle); }
)cpp",
                   "once.cpp");
  TranslationUnitSummary S = summarize(*AST);
  std::vector<std::string> Reasons;
  for (const ResourceSite &R : S.Sites)
    if (R.Name == "Aws::S3::S3Client")
      Reasons.push_back(R.OnceReason);
  for (const CallEdge &E : S.Edges)
    if (E.Kind == EdgeKind::Lambda)
      Reasons.push_back(E.OnceReason);
  std::sort(Reasons.begin(), Reasons.end());
  std::vector<std::string> Expected{"in the initializer of static 'a'", "under 'std::call_once'",
                                    "under the lazy-initialization guard on 'g'"};
  for (const std::string &Want : Expected)
    EXPECT_NE(std::find(Reasons.begin(), Reasons.end(), Want), Reasons.end()) << Want;
  EXPECT_TRUE(joinSummaries({S}, rules::defaultRuleSet()).empty());
}

TEST(SummaryApi, JoinFollowsCallsAcrossTranslationUnits) {
  auto Handler = parse(R"cpp(
void store(const std::string &key);
invocation_response handle(invocation_request const &r) { store(r.payload); return invocation_response::success("", ""); }
int main() { run_handler(handle); }
)cpp",
                       "handler.cpp");
  auto Storage = parse(R"cpp(
void store(const std::string &key) { Aws::Client::ClientConfiguration cfg; cfg.region = key; Aws::S3::S3Client c(cfg); }
)cpp",
                       "storage.cpp");
  std::vector<TranslationUnitSummary> Both{summarize(*Handler), summarize(*Storage)};
  // Alone, neither TU shows the problem: the handler's TU has no construction, the storage
  // TU has no handler.
  EXPECT_TRUE(joinSummaries({Both[0]}, rules::defaultRuleSet()).empty());
  EXPECT_TRUE(joinSummaries({Both[1]}, rules::defaultRuleSet()).empty());
  std::vector<report::Finding> Findings = joinSummaries(Both, rules::defaultRuleSet());
  report::sortFindings(Findings);
  ASSERT_EQ(Findings.size(), 2u);
  // The configuration is a warning; the client, built from the request's payload, a note.
  const report::Finding &Config = Findings[0];
  const report::Finding &Client = Findings[1];
  EXPECT_EQ(Config.Level, rules::Severity::Warning);
  EXPECT_EQ(Client.Level, rules::Severity::Note);
  EXPECT_EQ(Client.Handler, "handle");
  EXPECT_EQ(llvm::StringRef(Client.Where.File).rsplit('/').second, "storage.cpp");
  ASSERT_EQ(Client.Trace.size(), 2u);
  EXPECT_EQ(llvm::StringRef(Client.Trace[1].Where.File).rsplit('/').second, "handler.cpp");
  EXPECT_EQ(Client.Trace[1].Note, "calls 'store'");
}

/// Findings as comparable text: rule, place, message and every step of the chain.
std::vector<std::string> described(std::vector<report::Finding> Findings) {
  report::sortFindings(Findings);
  std::vector<std::string> Out;
  for (const report::Finding &F : Findings) {
    std::string Text = F.Rule + " " + F.Where.File + ":" + std::to_string(F.Where.Line) + ":" +
                       std::to_string(F.Where.Column) + " " + F.Message;
    for (const report::TraceStep &Step : F.Trace)
      Text += " | " + Step.Where.File + ":" + std::to_string(Step.Where.Line) + " " + Step.Note;
    Out.push_back(std::move(Text));
  }
  return Out;
}

TEST(SummaryApi, MergedSummariesJoinAsTheSeparateOnes) {
  // An inline function defined in every TU (as a header's would be), a handler in one TU, the
  // constructions in two others, a lambda and a once-only context: what a run keeps of each
  // TU once merged must give the findings the separate summaries give.
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("coldstart-merge", Dir));
  std::string Header = (Dir + "/shared.h").str();
  {
    std::error_code EC;
    llvm::raw_fd_ostream Out(Header, EC);
    ASSERT_FALSE(EC);
    Out << std::string(Prelude) << R"cpp(
#pragma once
inline Aws::S3::S3Client sharedClient() { return Aws::S3::S3Client(); }
void store(const std::string &key);
void audit();
)cpp";
  }
  auto Parse = [&](const std::string &Code, const std::string &Name) {
    return clang::tooling::buildASTFromCodeWithArgs(
        "#include \"" + Header + "\"\n" + Code,
        {"-std=c++17", "-resource-dir=" COLDSTART_RESOURCE_DIR}, Name);
  };
  auto Handler = Parse(R"cpp(
invocation_response handle(invocation_request const &r) {
  sharedClient();
  store(r.payload);
  auto later = [] { audit(); };
  later();
  return invocation_response::success("", "");
}
int main() { run_handler(handle); }
)cpp",
                       "handler.cpp");
  auto Storage = Parse(R"cpp(
void store(const std::string &key) { Aws::Client::ClientConfiguration cfg; cfg.region = key; sharedClient(); }
)cpp",
                       "storage.cpp");
  auto Audit = Parse(R"cpp(
void audit() {
  static Aws::S3::S3Client once;
  Aws::S3::S3Client every;
}
)cpp",
                     "audit.cpp");
  std::vector<TranslationUnitSummary> All{summarize(*Handler), summarize(*Storage),
                                          summarize(*Audit)};
  std::vector<std::string> Separate = described(joinSummaries(All, rules::defaultRuleSet()));
  ASSERT_EQ(Separate.size(), 3u) << llvm::join(Separate, "\n");

  SummaryMerger Merger;
  for (const TranslationUnitSummary &S : All)
    Merger.add(S);
  // The inline function is kept once, with its first definition.
  size_t SharedCopies = llvm::count_if(
      Merger.merged().Functions, [](const FunctionSummary &F) { return F.Name == "sharedClient"; });
  EXPECT_EQ(SharedCopies, 1u);
  std::vector<std::string> Merged =
      described(joinSummaries({Merger.take()}, rules::defaultRuleSet()));
  EXPECT_EQ(Merged, Separate);
  (void)llvm::sys::fs::remove_directories(Dir); // best effort: a temporary folder
}

TEST(SummaryApi, FindingLocationsMapBackToTheTu) {
  auto AST = parse(R"cpp(
invocation_response handle(invocation_request const &) { Aws::S3::S3Client c; return invocation_response::success("", ""); }
int main() { run_handler(handle); }
)cpp",
                   "map.cpp");
  std::vector<report::Finding> Findings = joinSummaries({summarize(*AST)}, rules::defaultRuleSet());
  ASSERT_EQ(Findings.size(), 1u);
  const clang::SourceManager &SM = AST->getSourceManager();
  clang::SourceLocation Loc = toSourceLocation(Findings[0].Where, SM);
  ASSERT_TRUE(Loc.isValid());
  EXPECT_EQ(SM.getSpellingLineNumber(Loc), Findings[0].Where.Line);
  EXPECT_EQ(SM.getSpellingColumnNumber(Loc), Findings[0].Where.Column);
}

TEST(SummaryApi, RuleSetChangesWhatIsMatched) {
  auto AST = parse(R"cpp(
namespace acme { struct MeshClient { MeshClient(); }; }
invocation_response handle(invocation_request const &) { acme::MeshClient m; Aws::S3::S3Client c; return invocation_response::success("", ""); }
int main() { run_handler(handle); }
)cpp",
                   "custom.cpp");
  rules::RuleSet Rules = rules::defaultRuleSet();
  std::vector<rules::Diagnostic> Errors;
  ASSERT_TRUE(rules::mergeRuleSetText(Rules, R"yaml(
version: 1
source:
  resources:
    acme:
      rule: coldstart-client-in-handler
      what: in-house client
      types: ["acme::*Client"]
    aws-sdk-client:
      enabled: false
)yaml",
                                      "custom.yaml", Errors));
  TranslationUnitSummary S = summarizeTranslationUnit(AST->getASTContext(), Rules.Source);
  std::vector<report::Finding> Findings = joinSummaries({S}, Rules);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_NE(Findings[0].Message.find("in-house client 'acme::MeshClient'"), std::string::npos)
      << Findings[0].Message;
}

} // namespace
