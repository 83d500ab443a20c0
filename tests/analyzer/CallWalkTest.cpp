// The call walk beyond direct calls, on the analyzer's API: virtual calls dispatched over the
// class hierarchy of all summaries, library templates the user's types instantiate (reported at
// the user's line), and lazy-init guards on members, which hold only while the object holding
// the guarded member outlives the invocation.
#include "coldstart/analyzer/Join.h"
#include "coldstart/analyzer/SummaryBuilder.h"
#include "coldstart/rules/Loader.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace coldstart;
using namespace coldstart::analyzer;

namespace {

/// Just enough of the SDK and runtime to write handlers in a string.
constexpr const char *Prelude = R"cpp(
#include <functional>
#include <memory>
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
struct Store { virtual ~Store(); virtual void put(const std::string &key) = 0; };
)cpp";

/// A library header, found through -isystem as a third-party container's would be.
constexpr const char *LibraryHeader = R"cpp(
#pragma once
#include <memory>
namespace lib {
template <typename T> std::shared_ptr<T> make_service() { return std::make_shared<T>(); }
template <typename T> struct holder {
  std::shared_ptr<T> get() { return make_service<T>(); }
};
}
)cpp";

unsigned preludeLines() {
  return std::count(Prelude, Prelude + strlen(Prelude), '\n');
}

std::unique_ptr<clang::ASTUnit> parse(const std::string &Code, const std::string &Name) {
  // The tooling maps the header's text without copying it, and the source manager reads it
  // again (line numbers) after parsing: it must outlive every AST.
  static const clang::tooling::FileContentMappings Headers = {
      {"/virtual/include/lib/service.h", LibraryHeader}};
  return clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code,
      {"-std=c++17", "-resource-dir=" COLDSTART_RESOURCE_DIR, "-isystem", "/virtual/include"}, Name,
      "clang-tool", std::make_shared<clang::PCHContainerOperations>(),
      clang::tooling::getClangStripDependencyFileAdjuster(), Headers);
}

TranslationUnitSummary summarize(clang::ASTUnit &AST) {
  return summarizeTranslationUnit(AST.getASTContext(), rules::defaultRuleSet().Source);
}

std::vector<report::Finding> join(const std::vector<TranslationUnitSummary> &Summaries) {
  std::vector<report::Finding> Findings = joinSummaries(Summaries, rules::defaultRuleSet());
  report::sortFindings(Findings);
  return Findings;
}

std::string fileName(const std::string &Path) {
  return llvm::sys::path::filename(Path).str();
}

const ClassSummary *findClass(const TranslationUnitSummary &S, const std::string &Name) {
  auto It = std::find_if(S.Classes.begin(), S.Classes.end(),
                         [&](const ClassSummary &C) { return C.Name == Name; });
  return It == S.Classes.end() ? nullptr : &*It;
}

TEST(CallWalk, VirtualCallRecordsTheHierarchyAndTheDispatch) {
  auto AST = parse(R"cpp(
struct S3Store : Store { void put(const std::string &key) override { Aws::S3::S3Client c; } };
struct Unused : Store { void put(const std::string &key) override {} };
void save(Store &s, const std::string &k) { s.put(k); }
void local(const std::string &k) { S3Store s; s.put(k); s.Store::put(k); }
std::unique_ptr<Store> make() { return std::make_unique<S3Store>(); }
)cpp",
                   "hierarchy.cpp");
  TranslationUnitSummary S = summarize(*AST);
  const ClassSummary *Base = findClass(S, "Store");
  const ClassSummary *Impl = findClass(S, "S3Store");
  ASSERT_TRUE(Base && Impl);
  EXPECT_EQ(Impl->Bases, std::vector<std::string>{Base->Id});
  ASSERT_EQ(Base->Methods.size(), 1u);
  ASSERT_EQ(Impl->Methods.size(), 1u);
  EXPECT_EQ(Impl->Methods[0].Overrides, std::vector<std::string>{Base->Methods[0].Id});
  // Only the class built is among the built classes (the abstract base never is).
  EXPECT_EQ(S.ConstructedClasses, std::vector<std::string>{Impl->Id});

  std::vector<const CallEdge *> Puts;
  for (const CallEdge &E : S.Edges)
    if (E.Kind == EdgeKind::Call && llvm::StringRef(E.CalleeName).ends_with("::put"))
      Puts.push_back(&E);
  ASSERT_EQ(Puts.size(), 3u);
  std::sort(Puts.begin(), Puts.end(),
            [](const CallEdge *A, const CallEdge *B) { return A->Site < B->Site; });
  // Through a reference: dispatched. On a local of the derived class: that class's function.
  // Qualified with the base: the base's function, not dispatched.
  EXPECT_TRUE(Puts[0]->Virtual);
  EXPECT_EQ(Puts[0]->DispatchClass, Base->Id);
  EXPECT_EQ(Puts[0]->CalleeName, "Store::put");
  EXPECT_FALSE(Puts[1]->Virtual);
  EXPECT_EQ(Puts[1]->CalleeName, "S3Store::put");
  EXPECT_FALSE(Puts[2]->Virtual);
  EXPECT_EQ(Puts[2]->CalleeName, "Store::put");
}

TEST(CallWalk, VirtualCallReachesEveryOverrideAcrossTranslationUnits) {
  auto Handler = parse(R"cpp(
Store &store();
invocation_response handle(invocation_request const &r) { store().put("k"); return invocation_response::success("", ""); }
int main() { run_handler(handle); }
)cpp",
                       "handler.cpp");
  auto Stores = parse(R"cpp(
struct S3Store : Store { void put(const std::string &key) override { Aws::S3::S3Client c; } };
struct ConfiguredStore : Store { void put(const std::string &key) override { Aws::Client::ClientConfiguration cfg; } };
bool useConfigured();
Store &store() {
  static S3Store s3;
  static ConfiguredStore configured;
  return useConfigured() ? static_cast<Store &>(configured) : s3;
}
)cpp",
                      "stores.cpp");
  std::vector<TranslationUnitSummary> Both{summarize(*Handler), summarize(*Stores)};
  EXPECT_TRUE(join({Both[0]}).empty());
  std::vector<report::Finding> Findings = join(Both);
  ASSERT_EQ(Findings.size(), 2u);
  std::vector<std::string> Steps;
  for (const report::Finding &F : Findings) {
    EXPECT_EQ(fileName(F.Where.File), "stores.cpp");
    ASSERT_EQ(F.Trace.size(), 2u);
    EXPECT_EQ(fileName(F.Trace[1].Where.File), "handler.cpp");
    Steps.push_back(F.Trace[1].Note);
  }
  EXPECT_EQ(Steps,
            (std::vector<std::string>{"may call 'S3Store::put' (overrides 'Store::put')",
                                      "may call 'ConfiguredStore::put' (overrides 'Store::put')"}));
}

TEST(CallWalk, OnlyTheOneImplementationBuiltIsReached) {
  auto AST = parse(R"cpp(
struct S3Store : Store { void put(const std::string &key) override { Aws::S3::S3Client c; } };
struct TestStore : Store { void put(const std::string &key) override { Aws::Client::ClientConfiguration cfg; } };
int main() {
  std::shared_ptr<Store> store = std::make_shared<S3Store>();
  run_handler([store](invocation_request const &r) { store->put(r.payload); return invocation_response::success("", ""); });
}
)cpp",
                   "only.cpp");
  std::vector<report::Finding> Findings = join({summarize(*AST)});
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Where.Line, preludeLines() + 2);
  ASSERT_EQ(Findings[0].Trace.size(), 2u);
  EXPECT_EQ(Findings[0].Trace[1].Note,
            "calls 'S3Store::put' (overrides 'Store::put'; 'S3Store' is the only class derived "
            "from 'Store' that is built)");
}

TEST(CallWalk, LibraryTemplateConstructionIsReportedAtTheUsersCall) {
  auto AST = parse(R"cpp(
#include <lib/service.h>
struct Settings { std::string name; };
invocation_response handle(invocation_request const &r) {
  lib::holder<Aws::S3::S3Client> clients;
  auto s3 = clients.get();
  auto quiet = lib::make_service<Aws::Client::ClientConfiguration>(); // NOLINT(coldstart-client-in-handler)
  auto text = lib::make_service<std::string>();
  auto settings = lib::make_service<Settings>();
  return invocation_response::success("", "");
}
int main() { run_handler(handle); }
)cpp",
                   "library.cpp");
  TranslationUnitSummary S = summarize(*AST);
  std::vector<std::string> Library;
  for (const FunctionSummary &F : S.Functions)
    if (F.Library)
      Library.push_back(F.Name);
  std::sort(Library.begin(), Library.end());
  // Walked: what a listed type or one of the user's instantiated. Not walked: what only
  // standard types did.
  EXPECT_EQ(Library, (std::vector<std::string>{
                         "lib::holder<Aws::S3::S3Client>::get",
                         "lib::make_service<Aws::Client::ClientConfiguration>",
                         "lib::make_service<Aws::S3::S3Client>", "lib::make_service<Settings>"}));

  std::vector<report::Finding> Findings = join({S});
  ASSERT_EQ(Findings.size(), 1u) << Findings.back().Message;
  const report::Finding &F = Findings[0];
  EXPECT_EQ(fileName(F.Where.File), "library.cpp");
  EXPECT_EQ(F.Where.Line, preludeLines() + 6);
  EXPECT_EQ(F.Message,
            "AWS SDK client 'Aws::S3::S3Client' (derives from "
            "'Aws::Client::AWSClient') is built in 'lib::make_service<Aws::S3::S3Client>',"
            " which runs on every invocation of handler 'handle': builds an HTTP client,"
            " a signer and a credentials chain");
  std::string Steps;
  for (const report::TraceStep &T : F.Trace)
    Steps += T.Where.File + ":" + std::to_string(T.Where.Line) + ":" +
             std::to_string(T.Where.Column) + " " + T.Note + "\n";
  ASSERT_EQ(F.Trace.size(), 4u) << Steps;
  SCOPED_TRACE(Steps);
  EXPECT_EQ(F.Trace[1].Note, "calls 'lib::holder<Aws::S3::S3Client>::get'");
  EXPECT_EQ(F.Trace[2].Note, "calls 'lib::make_service<Aws::S3::S3Client>'");
  EXPECT_EQ(fileName(F.Trace[2].Where.File), "service.h");
  EXPECT_EQ(F.Trace[3].Note, "'Aws::S3::S3Client' is built here");
  EXPECT_EQ(fileName(F.Trace[3].Where.File), "service.h");
  EXPECT_EQ(F.Trace[3].Where.Line, 5u);

  // main's init work names the user's line too.
  auto Init = parse(R"cpp(
#include <lib/service.h>
int main() {
  auto s3 = lib::make_service<Aws::S3::S3Client>();
  run_handler([s3](invocation_request const &) { return invocation_response::success("", ""); });
}
)cpp",
                    "init.cpp");
  report::InitWork Work = findInitWork({summarize(*Init)}, rules::defaultRuleSet());
  ASSERT_EQ(Work.Items.size(), 1u);
  EXPECT_EQ(fileName(Work.Items[0].Where.File), "init.cpp");
  EXPECT_EQ(Work.Items[0].Where.Line, preludeLines() + 4);
  ASSERT_FALSE(Work.Items[0].Chain.empty());
  EXPECT_EQ(Work.Items[0].Chain.back().Note, "'Aws::S3::S3Client' is built here");
}

/// A connector that connects on first use, kept in a member.
constexpr const char *Connector = R"cpp(
struct Connector {
  Aws::S3::S3Client &client() {
    if (!client_) {
      Aws::Client::ClientConfiguration cfg;
      client_ = std::make_unique<Aws::S3::S3Client>(cfg);
    }
    return *client_;
  }
  std::unique_ptr<Aws::S3::S3Client> client_;
};
)cpp";

TEST(CallWalk, MemberGuardHoldsWhileItsOwnerOutlivesTheInvocation) {
  auto AST = parse(std::string(Connector) + R"cpp(
static Connector g_static;
invocation_response handle(invocation_request const &r) {
  Connector per_call;
  per_call.client();
  g_static.client();
  return invocation_response::success("", "");
}
int main() {
  Connector from_main;
  run_handler([&from_main](invocation_request const &r) { from_main.client(); return handle(r); });
}
)cpp",
                   "owner.cpp");
  TranslationUnitSummary S = summarize(*AST);
  unsigned Guarded = 0;
  for (const ResourceSite &R : S.Sites) {
    EXPECT_EQ(R.OnceReason, "under the lazy-initialization guard on 'client_'") << R.Name;
    EXPECT_TRUE(R.OwnerGuard) << R.Name;
    ++Guarded;
  }
  EXPECT_EQ(Guarded, 2u);

  std::vector<report::Finding> Findings = join({S});
  // Only the connector built per call: both the configuration and the client, at its line.
  ASSERT_EQ(Findings.size(), 2u);
  for (const report::Finding &F : Findings) {
    EXPECT_EQ(F.Where.Line, preludeLines() + 15);
    EXPECT_NE(F.Message.find("'Connector::client' builds it under the lazy-initialization guard "
                             "on 'client_', once per object, and the object that holds it "
                             "('per_call', built here) is built per invocation"),
              std::string::npos)
        << F.Message;
    ASSERT_FALSE(F.Trace.empty());
    EXPECT_NE(F.Trace.back().Note.find("is built here under the lazy-initialization guard on "
                                       "'client_', once per object"),
              std::string::npos);
  }
}

TEST(CallWalk, GuardOnAnObjectBehindAPointerIsOnceOnly) {
  // The view is built per call, but the client it initializes lazily belongs to the state it
  // points to, which outlives it: not a per-object guard, so not reported.
  auto AST = parse(R"cpp(
struct State { std::unique_ptr<Aws::S3::S3Client> client; };
struct View {
  State *state_;
  Aws::S3::S3Client &client() {
    if (!state_->client)
      state_->client = std::make_unique<Aws::S3::S3Client>();
    return *state_->client;
  }
};
static State g_state;
invocation_response handle(invocation_request const &r) {
  View view{&g_state};
  view.client();
  return invocation_response::success("", "");
}
int main() { run_handler(handle); }
)cpp",
                   "pointer.cpp");
  TranslationUnitSummary S = summarize(*AST);
  ASSERT_EQ(S.Sites.size(), 1u);
  EXPECT_EQ(S.Sites[0].OnceReason, "under the lazy-initialization guard on 'state_'");
  EXPECT_FALSE(S.Sites[0].OwnerGuard);
  EXPECT_TRUE(join({S}).empty());
}

TEST(CallWalk, GuardedBlockIsOnceOnlyAsAWhole) {
  auto AST = parse(R"cpp(
static std::unique_ptr<Aws::S3::S3Client> g_s3;
static bool g_ready = false;
static bool g_toggle = true;
invocation_response handle(invocation_request const &r) {
  if (!g_s3) {
    Aws::Client::ClientConfiguration cfg;
    g_s3 = std::make_unique<Aws::S3::S3Client>(cfg);
  }
  if (!g_ready) {
    Aws::Client::ClientConfiguration probe;
    g_ready = true;
  }
  bool ready = false;
  if (!ready) {
    Aws::Client::ClientConfiguration local_flag;
    ready = true;
  }
  if (g_toggle) {
    Aws::Client::ClientConfiguration toggled;
  }
  return invocation_response::success("", "");
}
int main() { run_handler(handle); }
)cpp",
                   "blocks.cpp");
  TranslationUnitSummary S = summarize(*AST);
  std::map<unsigned, std::string> ReasonByLine;
  for (const ResourceSite &R : S.Sites)
    ReasonByLine[R.Where.Line - preludeLines()] = R.OnceReason;
  EXPECT_EQ(ReasonByLine, (std::map<unsigned, std::string>{
                              {7, "under the lazy-initialization guard on 'g_s3'"},
                              {8, "under the lazy-initialization guard on 'g_s3'"},
                              {11, "under the lazy-initialization guard on 'g_ready'"},
                              {16, ""},
                              {20, ""}}));
  std::vector<report::Finding> Findings = join({S});
  ASSERT_EQ(Findings.size(), 2u);
  EXPECT_EQ(Findings[0].Where.Line, preludeLines() + 16);
  EXPECT_EQ(Findings[1].Where.Line, preludeLines() + 20);
}

} // namespace
