// The summary's JSON codec (SummaryCodec.h): summaries of real code, and one with every field
// set, come back from JSON field for field and write the same text again; values that parse
// as JSON but are not summaries are errors that name the bad field.
#include "coldstart/analyzer/SummaryCodec.h"
#include "coldstart/analyzer/SummaryBuilder.h"
#include "coldstart/rules/Loader.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FormatVariadic.h"

#include <gtest/gtest.h>

#include <set>
#include <type_traits>

using namespace coldstart;
using namespace coldstart::analyzer;

namespace {

/// Just enough of the SDK and the runtime to write handlers in a string.
constexpr const char *Prelude = R"cpp(
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
namespace Aws { namespace Client {
struct ClientConfiguration { ClientConfiguration(); std::string region; };
class AWSClient { public: explicit AWSClient(const ClientConfiguration &); };
}
namespace S3 {
namespace Model {
struct GetObjectRequest {
  GetObjectRequest &WithBucket(const std::string &);
  GetObjectRequest &WithKey(const std::string &);
};
struct GetObjectOutcome { bool IsSuccess() const; };
}
class S3Client : public Client::AWSClient {
public:
  S3Client();
  explicit S3Client(const Client::ClientConfiguration &c);
  Model::GetObjectOutcome GetObject(const Model::GetObjectRequest &) const;
};
} }
namespace aws { namespace lambda_runtime {
struct invocation_request { std::string payload; };
struct invocation_response { static invocation_response success(std::string, std::string); };
void run_handler(std::function<invocation_response(invocation_request const &)> const &);
} }
using namespace aws::lambda_runtime;
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

std::unique_ptr<clang::ASTUnit> parse(const std::string &Code, const std::string &Name) {
  // The source manager reads the mapped header again after parsing: it must outlive the AST.
  static const clang::tooling::FileContentMappings Headers = {
      {"/virtual/include/lib/service.h", LibraryHeader}};
  return clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code,
      {"-std=c++17", "-resource-dir=" COLDSTART_RESOURCE_DIR, "-isystem", "/virtual/include"}, Name,
      "clang-tool", std::make_shared<clang::PCHContainerOperations>(),
      clang::tooling::getClangStripDependencyFileAdjuster(), Headers);
}

TranslationUnitSummary summarize(const std::string &Code, const std::string &Name) {
  std::unique_ptr<clang::ASTUnit> AST = parse(Code, Name);
  return summarizeTranslationUnit(AST->getASTContext(), rules::defaultRuleSet().Source);
}

std::string text(const llvm::json::Value &V) {
  return llvm::formatv("{0}", V).str();
}

/// Every difference between two summaries, field by field, as "path: expected != actual".
class Differences {
public:
  std::vector<std::string> List;

  std::string describe() const {
    std::string Out;
    for (const std::string &D : List)
      Out += D + "\n";
    return Out;
  }

  void check(const std::string &Where, const std::string &A, const std::string &B) {
    if (A != B)
      List.push_back(Where + ": \"" + A + "\" != \"" + B + "\"");
  }
  void check(const std::string &Where, unsigned A, unsigned B) {
    if (A != B)
      List.push_back(Where + ": " + std::to_string(A) + " != " + std::to_string(B));
  }
  void check(const std::string &Where, bool A, bool B) {
    if (A != B)
      List.push_back(Where + ": " + (A ? "true" : "false") + " != " + (B ? "true" : "false"));
  }
  template <typename E, std::enable_if_t<std::is_enum_v<E>, int> = 0>
  void check(const std::string &Where, E A, E B) {
    check(Where, static_cast<unsigned>(A), static_cast<unsigned>(B));
  }
  template <typename T>
  void check(const std::string &Where, const std::vector<T> &A, const std::vector<T> &B) {
    if (A.size() != B.size()) {
      List.push_back(Where + ": " + std::to_string(A.size()) +
                     " elements != " + std::to_string(B.size()));
      return;
    }
    for (size_t I = 0; I < A.size(); ++I)
      check(Where + "[" + std::to_string(I) + "]", static_cast<const T &>(A[I]),
            static_cast<const T &>(B[I]));
  }

  void check(const std::string &W, const SourcePoint &A, const SourcePoint &B) {
    check(W + ".File", A.File, B.File);
    check(W + ".Line", A.Line, B.Line);
    check(W + ".Column", A.Column, B.Column);
  }
  void check(const std::string &W, const ParamRef &A, const ParamRef &B) {
    check(W + ".Function", A.Function, B.Function);
    check(W + ".Index", A.Index, B.Index);
  }
  void check(const std::string &W, const FunctionSummary &A, const FunctionSummary &B) {
    check(W + ".Id", A.Id, B.Id);
    check(W + ".Name", A.Name, B.Name);
    check(W + ".Definition", A.Definition, B.Definition);
    check(W + ".ParamNames", A.ParamNames, B.ParamNames);
    check(W + ".Library", A.Library, B.Library);
    check(W + ".TypeArgs", A.TypeArgs, B.TypeArgs);
  }
  void check(const std::string &W, const VirtualMethod &A, const VirtualMethod &B) {
    check(W + ".Id", A.Id, B.Id);
    check(W + ".Name", A.Name, B.Name);
    check(W + ".Overrides", A.Overrides, B.Overrides);
  }
  void check(const std::string &W, const ClassSummary &A, const ClassSummary &B) {
    check(W + ".Id", A.Id, B.Id);
    check(W + ".Name", A.Name, B.Name);
    check(W + ".Bases", A.Bases, B.Bases);
    check(W + ".Methods", A.Methods, B.Methods);
    check(W + ".TypeArgs", A.TypeArgs, B.TypeArgs);
  }
  void check(const std::string &W, const CallEdge &A, const CallEdge &B) {
    check(W + ".Caller", A.Caller, B.Caller);
    check(W + ".Callee", A.Callee, B.Callee);
    check(W + ".CalleeName", A.CalleeName, B.CalleeName);
    check(W + ".Kind", A.Kind, B.Kind);
    check(W + ".Site", A.Site, B.Site);
    check(W + ".OnceReason", A.OnceReason, B.OnceReason);
    check(W + ".ArgDeps", A.ArgDeps, B.ArgDeps);
    check(W + ".ArgVaries", A.ArgVaries, B.ArgVaries);
    check(W + ".OwnerGuard", A.OwnerGuard, B.OwnerGuard);
    check(W + ".Virtual", A.Virtual, B.Virtual);
    check(W + ".DispatchClass", A.DispatchClass, B.DispatchClass);
    check(W + ".Object", A.Object, B.Object);
    check(W + ".ObjectFunction", A.ObjectFunction, B.ObjectFunction);
    check(W + ".ObjectBuilt", A.ObjectBuilt, B.ObjectBuilt);
    check(W + ".ObjectName", A.ObjectName, B.ObjectName);
    check(W + ".SilencedAtSite", A.SilencedAtSite, B.SilencedAtSite);
    check(W + ".SilencedAtObject", A.SilencedAtObject, B.SilencedAtObject);
  }
  void check(const std::string &W, const ResourceSite &A, const ResourceSite &B) {
    check(W + ".Function", A.Function, B.Function);
    check(W + ".What", A.What, B.What);
    check(W + ".ResourceKind", A.ResourceKind, B.ResourceKind);
    check(W + ".Rule", A.Rule, B.Rule);
    check(W + ".Name", A.Name, B.Name);
    check(W + ".MatchedAs", A.MatchedAs, B.MatchedAs);
    check(W + ".Where", A.Where, B.Where);
    check(W + ".End", A.End, B.End);
    check(W + ".OnceReason", A.OnceReason, B.OnceReason);
    check(W + ".ArgDeps", A.ArgDeps, B.ArgDeps);
    check(W + ".ArgsVary", A.ArgsVary, B.ArgsVary);
    check(W + ".ObjectDeps", A.ObjectDeps, B.ObjectDeps);
    check(W + ".Spelling", A.Spelling, B.Spelling);
    check(W + ".OwnerGuard", A.OwnerGuard, B.OwnerGuard);
    check(W + ".Silenced", A.Silenced, B.Silenced);
    check(W + ".ByName", A.ByName, B.ByName);
  }
  void check(const std::string &W, const HandlerRoot &A, const HandlerRoot &B) {
    check(W + ".Function", A.Function, B.Function);
    check(W + ".Name", A.Name, B.Name);
    check(W + ".Registration", A.Registration, B.Registration);
    check(W + ".Via", A.Via, B.Via);
  }
  void check(const std::string &W, const RegistrationCall &A, const RegistrationCall &B) {
    check(W + ".Function", A.Function, B.Function);
    check(W + ".Begin", A.Begin, B.Begin);
    check(W + ".End", A.End, B.End);
  }
  void check(const std::string &W, const NolintProblem &A, const NolintProblem &B) {
    check(W + ".Where", A.Where, B.Where);
    check(W + ".Message", A.Message, B.Message);
  }
  void check(const std::string &W, const TranslationUnitSummary &A,
             const TranslationUnitSummary &B) {
    check(W + ".MainFile", A.MainFile, B.MainFile);
    check(W + ".Functions", A.Functions, B.Functions);
    check(W + ".Edges", A.Edges, B.Edges);
    check(W + ".Sites", A.Sites, B.Sites);
    check(W + ".Handlers", A.Handlers, B.Handlers);
    check(W + ".RegistrationCalls", A.RegistrationCalls, B.RegistrationCalls);
    check(W + ".NolintProblems", A.NolintProblems, B.NolintProblems);
    check(W + ".StaticInitializers", A.StaticInitializers, B.StaticInitializers);
    check(W + ".Classes", A.Classes, B.Classes);
    check(W + ".ConstructedClasses", A.ConstructedClasses, B.ConstructedClasses);
  }
};

/// Writes S, prints it, parses the text and reads it back: the summary read is S field for
/// field, and writing it again prints the same text. Returns the text.
std::string expectRoundTrip(const TranslationUnitSummary &S) {
  std::string Text = text(summaryToJSON(S));
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed) {
    ADD_FAILURE() << llvm::toString(Parsed.takeError());
    return Text;
  }
  llvm::Expected<TranslationUnitSummary> Back = summaryFromJSON(*Parsed);
  if (!Back) {
    ADD_FAILURE() << llvm::toString(Back.takeError());
    return Text;
  }
  Differences D;
  D.check("summary", S, *Back);
  EXPECT_TRUE(D.List.empty()) << D.describe();
  EXPECT_EQ(text(summaryToJSON(*Back)), Text);
  return Text;
}

/// The fields ("Edge.OnceReason") a summary sets to something other than their default
/// somewhere, and the enumerators it uses ("EdgeKind::Lambda"): what a round trip of it tests.
std::set<std::string> fieldsSet(const TranslationUnitSummary &S) {
  std::set<std::string> Out;
  auto Mark = [&](bool Set, const std::string &Name) {
    if (Set)
      Out.insert(Name);
  };
  auto Valid = [](const SourcePoint &P) { return !(P == SourcePoint()); };
  static const char *const EdgeKinds[] = {"Call", "Construct", "Factory", "Lambda", "Reference"};
  static const char *const ObjectKinds[] = {"None", "This", "Local", "Captured", "Static"};
  static const char *const SiteKinds[] = {"Construction", "Call", "FileRead"};
  Mark(!S.MainFile.empty(), "MainFile");
  for (const FunctionSummary &F : S.Functions) {
    Mark(!F.Id.empty(), "Function.Id");
    Mark(!F.Name.empty(), "Function.Name");
    Mark(Valid(F.Definition), "Function.Definition");
    Mark(!F.ParamNames.empty(), "Function.ParamNames");
    Mark(F.Library, "Function.Library");
    Mark(!F.TypeArgs.empty(), "Function.TypeArgs");
  }
  for (const ClassSummary &C : S.Classes) {
    Mark(!C.Id.empty(), "Class.Id");
    Mark(!C.Name.empty(), "Class.Name");
    Mark(!C.Bases.empty(), "Class.Bases");
    Mark(!C.TypeArgs.empty(), "Class.TypeArgs");
    for (const VirtualMethod &M : C.Methods) {
      Mark(!M.Id.empty(), "Method.Id");
      Mark(!M.Name.empty(), "Method.Name");
      Mark(!M.Overrides.empty(), "Method.Overrides");
    }
  }
  for (const CallEdge &E : S.Edges) {
    Mark(!E.Caller.empty(), "Edge.Caller");
    Mark(!E.Callee.empty(), "Edge.Callee");
    Mark(!E.CalleeName.empty(), "Edge.CalleeName");
    Out.insert(std::string("EdgeKind::") + EdgeKinds[static_cast<int>(E.Kind)]);
    Mark(Valid(E.Site), "Edge.Site");
    Mark(!E.OnceReason.empty(), "Edge.OnceReason");
    Mark(!E.ArgDeps.empty(), "Edge.ArgDeps");
    Mark(!E.ArgVaries.empty(), "Edge.ArgVaries");
    Mark(E.OwnerGuard, "Edge.OwnerGuard");
    Mark(E.Virtual, "Edge.Virtual");
    Mark(!E.DispatchClass.empty(), "Edge.DispatchClass");
    Out.insert(std::string("ObjectKind::") + ObjectKinds[static_cast<int>(E.Object)]);
    Mark(!E.ObjectFunction.empty(), "Edge.ObjectFunction");
    Mark(Valid(E.ObjectBuilt), "Edge.ObjectBuilt");
    Mark(!E.ObjectName.empty(), "Edge.ObjectName");
    Mark(!E.SilencedAtSite.empty(), "Edge.SilencedAtSite");
    Mark(!E.SilencedAtObject.empty(), "Edge.SilencedAtObject");
  }
  for (const ResourceSite &R : S.Sites) {
    Mark(!R.Function.empty(), "Site.Function");
    Out.insert(std::string("SiteKind::") + SiteKinds[static_cast<int>(R.What)]);
    Mark(!R.ResourceKind.empty(), "Site.ResourceKind");
    Mark(!R.Rule.empty(), "Site.Rule");
    Mark(!R.Name.empty(), "Site.Name");
    Mark(!R.MatchedAs.empty(), "Site.MatchedAs");
    Mark(Valid(R.Where), "Site.Where");
    Mark(Valid(R.End), "Site.End");
    Mark(!R.OnceReason.empty(), "Site.OnceReason");
    Mark(!R.ArgDeps.empty(), "Site.ArgDeps");
    Mark(R.ArgsVary, "Site.ArgsVary");
    Mark(!R.ObjectDeps.empty(), "Site.ObjectDeps");
    Mark(!R.Spelling.empty(), "Site.Spelling");
    Mark(R.OwnerGuard, "Site.OwnerGuard");
    Mark(R.Silenced, "Site.Silenced");
    Mark(R.ByName, "Site.ByName");
  }
  for (const HandlerRoot &H : S.Handlers) {
    Mark(!H.Function.empty(), "Handler.Function");
    Mark(!H.Name.empty(), "Handler.Name");
    Mark(Valid(H.Registration), "Handler.Registration");
    Out.insert("Handler.Via=" + H.Via);
  }
  for (const RegistrationCall &C : S.RegistrationCalls) {
    Mark(!C.Function.empty(), "Registration.Function");
    Mark(Valid(C.Begin), "Registration.Begin");
    Mark(Valid(C.End), "Registration.End");
  }
  for (const NolintProblem &N : S.NolintProblems) {
    Mark(Valid(N.Where), "Nolint.Where");
    Mark(!N.Message.empty(), "Nolint.Message");
  }
  Mark(!S.StaticInitializers.empty(), "StaticInitializers");
  Mark(!S.ConstructedClasses.empty(), "ConstructedClasses");
  return Out;
}

/// The names in Want that Have lacks.
std::vector<std::string> missing(const std::set<std::string> &Have,
                                 const std::vector<std::string> &Want) {
  std::vector<std::string> Out;
  for (const std::string &W : Want)
    if (!Have.count(W))
      Out.push_back(W);
  return Out;
}

TEST(SummaryCodec, RoundTripsHandlersLambdasAndOnceOnlyContexts) {
  TranslationUnitSummary S = summarize(R"cpp(
#include <lib/service.h>
std::once_flag flag;
static Aws::S3::S3Client *g_client = nullptr;
static Aws::Client::ClientConfiguration g_config;
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
static Connector g_connector;
void worker() { Aws::S3::S3Client w; }
invocation_response handle(invocation_request const &r) {
  std::call_once(flag, [] { Aws::S3::S3Client once; });
  if (!g_client)
    g_client = new Aws::S3::S3Client();
  Connector per_call; // NOLINT(coldstart-client-in-handler)
  per_call.client();
  g_connector.client();
  auto clients = lib::make_service<Aws::S3::S3Client>(); // NOLINT(coldstart-client-in-handler)
  std::ifstream in("/etc/app.json");
  Aws::S3::S3Client quiet; // NOLINT(coldstart-client-in-handler)
  std::thread t(worker);
  t.join();
  auto build = [&r] { Aws::Client::ClientConfiguration c; c.region = r.payload; return c; };
  build();
  return invocation_response::success("", "");
}
int main() {
  Connector from_main;
  run_handler([&from_main](invocation_request const &r) { from_main.client(); return handle(r); });
}
)cpp",
                                       "handlers.cpp");
  EXPECT_EQ(missing(fieldsSet(S), {"MainFile",
                                   "Function.Id",
                                   "Function.Name",
                                   "Function.Definition",
                                   "Function.ParamNames",
                                   "Function.Library",
                                   "Function.TypeArgs",
                                   "Edge.Caller",
                                   "Edge.Callee",
                                   "Edge.CalleeName",
                                   "EdgeKind::Call",
                                   "EdgeKind::Construct",
                                   "EdgeKind::Lambda",
                                   "EdgeKind::Reference",
                                   "Edge.Site",
                                   "Edge.OnceReason",
                                   "Edge.ArgDeps",
                                   "ObjectKind::None",
                                   "ObjectKind::This",
                                   "ObjectKind::Local",
                                   "ObjectKind::Captured",
                                   "ObjectKind::Static",
                                   "Edge.ObjectFunction",
                                   "Edge.ObjectBuilt",
                                   "Edge.ObjectName",
                                   "Edge.SilencedAtSite",
                                   "Edge.SilencedAtObject",
                                   "SiteKind::Construction",
                                   "SiteKind::FileRead",
                                   "Site.Function",
                                   "Site.ResourceKind",
                                   "Site.Rule",
                                   "Site.Name",
                                   "Site.MatchedAs",
                                   "Site.Where",
                                   "Site.End",
                                   "Site.OnceReason",
                                   "Site.Spelling",
                                   "Site.OwnerGuard",
                                   "Site.Silenced",
                                   "Handler.Function",
                                   "Handler.Name",
                                   "Handler.Registration",
                                   "Handler.Via=aws::lambda_runtime::run_handler",
                                   "Registration.Function",
                                   "Registration.Begin",
                                   "Registration.End",
                                   "StaticInitializers"}),
            std::vector<std::string>{});
  expectRoundTrip(S);
}

TEST(SummaryCodec, RoundTripsVirtualCallsTemplatesAndDownloads) {
  TranslationUnitSummary S = summarize(R"cpp(
struct Store { virtual ~Store(); virtual void put(const std::string &key) = 0; };
struct S3Store : Store { void put(const std::string &key) override { Aws::S3::S3Client c; } };
template <typename T> struct Cached : Store { void put(const std::string &key) override { T t; } };
void save(Store &s, const std::string &k) { s.put(k); }
std::string fetch(const Aws::S3::S3Client &c, const std::string &key) {
  Aws::S3::Model::GetObjectRequest req;
  req.WithBucket("b").WithKey(key);
  return c.GetObject(req).IsSuccess() ? "ok" : "";
}
std::string suffix();
Aws::S3::Model::GetObjectRequest requestFor(const std::string &key);
invocation_response handle(invocation_request const &r) {
  S3Store s3;
  save(s3, r.payload);
  Cached<Aws::S3::S3Client> cached;
  save(cached, "k");
  Aws::S3::S3Client client;
  fetch(client, "fixed.json");
  fetch(client, suffix()); // NOLINT(coldstart-download-in-handler)
  client.GetObject(requestFor(suffix()));
  return invocation_response::success("", "");
}
int main() { run_handler(handle); }
)cpp",
                                       "virtual.cpp");
  EXPECT_EQ(missing(fieldsSet(S),
                    {"Class.Id", "Class.Name", "Class.Bases", "Class.TypeArgs", "Method.Id",
                     "Method.Name", "Method.Overrides", "Edge.Virtual", "Edge.DispatchClass",
                     "Edge.ArgDeps", "Edge.ArgVaries", "Edge.SilencedAtSite", "SiteKind::Call",
                     "Site.ArgDeps", "Site.ArgsVary", "Site.ObjectDeps", "ConstructedClasses"}),
            std::vector<std::string>{});
  expectRoundTrip(S);
}

TEST(SummaryCodec, RoundTripsATuWithErrorsAndUnmatchedNolint) {
  // The client's namespace is not declared: the TU has errors, and the site is found by name.
  // The range comment is never closed; it is spelled in two pieces so that it opens no range
  // in this file for clang-tidy.
  TranslationUnitSummary S =
      summarize(std::string("\n// NOLINT") + R"cpp(BEGIN(coldstart-client-in-handler)
invocation_response orphan(invocation_request r) {
  Aws::DynamoDB::DynamoDBClient db;
  return invocation_response::success("", "");
}
)cpp",
                "errors.cpp");
  EXPECT_EQ(missing(fieldsSet(S),
                    {"Site.ByName", "Nolint.Where", "Nolint.Message", "Handler.Via=signature"}),
            std::vector<std::string>{});
  expectRoundTrip(S);
}

TEST(SummaryCodec, RoundTripsPathsAndSpellingsThatAreNotUtf8) {
  // A Latin-1 file name, and a Latin-1 string literal in a construction's spelling.
  TranslationUnitSummary S = summarize(R"cpp(
invocation_response handle(invocation_request const &) {
  std::ifstream in("donn)cpp"
                                       "\xe9"
                                       R"cpp(es.json");
  return invocation_response::success("", "");
}
int main() { run_handler(handle); }
)cpp",
                                       "caf\xe9.cpp");
  ASSERT_EQ(S.Sites.size(), 1u);
  EXPECT_EQ(S.Sites[0].Spelling, "in(\"donn\xe9"
                                 "es.json\")");
  EXPECT_EQ(llvm::StringRef(S.MainFile).rsplit('/').second, "caf\xe9.cpp");
  std::string Text = expectRoundTrip(S);
  EXPECT_NE(Text.find("{\"base64\":"), std::string::npos) << Text;
}

TEST(SummaryCodec, WritesEachFileAndIdOnceAndLeavesDefaultsOut) {
  TranslationUnitSummary Empty;
  EXPECT_EQ(text(summaryToJSON(Empty)), R"({"mainFile":""})");

  TranslationUnitSummary S;
  S.MainFile = "/src/main.cpp";
  S.Edges.resize(2);
  S.Edges[0].Caller = "c:@F@f#";
  S.Edges[0].Site = {"/src/main.cpp", 3, 7};
  S.Edges[1].Caller = "c:@F@f#";
  S.Edges[1].Callee = "c:@F@g#";
  S.Edges[1].Site = {"/src/main.cpp", 4, 1};
  S.Edges[1].ObjectBuilt = {"/usr/include/c++/12/optional", 9, 2};
  S.Edges[1].ArgDeps = {{}, {{"c:@F@f#", 1}}};
  S.Edges[1].ArgVaries = {false, true};
  S.Functions.resize(2);
  S.Functions[0].Id = "c:@F@g#";
  S.Functions[0].ParamNames = {"", "b"};
  EXPECT_EQ(text(summaryToJSON(S)),
            R"({"edges":[{"caller":1,"site":[0,3,7]},{"argDeps":[[],[[1,1]]],)"
            R"("argVaries":[false,true],"callee":0,"caller":1,"objectBuilt":[1,9,2],)"
            R"("site":[0,4,1]}],"files":["/src/main.cpp","/usr/include/c++/12/optional"],)"
            R"("functions":[{"id":0,"params":["","b"]},{}],"ids":["c:@F@g#","c:@F@f#"],)"
            R"("mainFile":"/src/main.cpp"})");
  expectRoundTrip(S);

  // An invalid point may be written as null: it reads as SourcePoint{}.
  llvm::Expected<llvm::json::Value> V =
      llvm::json::parse(R"({"mainFile":"m","ids":["f"],"functions":[{"id":0,"definition":null}]})");
  ASSERT_TRUE(bool(V));
  llvm::Expected<TranslationUnitSummary> Read = summaryFromJSON(*V);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  ASSERT_EQ(Read->Functions.size(), 1u);
  EXPECT_EQ(Read->Functions[0].Id, "f");
  EXPECT_FALSE(Read->Functions[0].Definition.valid());
  EXPECT_EQ(Read->Functions[0].Definition.File, "");
}

/// A point no other field uses, so that each has its own file index.
SourcePoint point(unsigned N) {
  return {"/src/file" + std::to_string(N) + ".cpp", N, N + 1};
}

/// A summary in which every field of every struct holds something other than its default.
TranslationUnitSummary everyFieldSet() {
  TranslationUnitSummary S;
  S.MainFile = "/src/main.cpp";

  FunctionSummary F;
  F.Id = "c:@F@handle#";
  F.Name = "handle";
  F.Definition = point(1);
  F.ParamNames = {"req", ""};
  F.Library = true;
  F.TypeArgs = {"Aws::S3::S3Client", "int"};
  S.Functions.push_back(F);

  ClassSummary C;
  C.Id = "c:@S@Impl";
  C.Name = "Impl";
  C.Bases = {"c:@S@Base", "c:@S@Other"};
  C.Methods.push_back({"c:@S@Impl@F@put#", "Impl::put", {"c:@S@Base@F@put#"}});
  C.TypeArgs = {"std::string"};
  S.Classes.push_back(C);

  CallEdge E;
  E.Caller = "c:@F@handle#";
  E.Callee = "c:@S@Base@F@put#";
  E.CalleeName = "Base::put";
  E.Kind = EdgeKind::Reference;
  E.Site = point(2);
  E.OnceReason = "under 'std::call_once'";
  E.ArgDeps = {{{"c:@F@handle#", 0}, {"c:@F@outer#", 4294967295u}}, {}};
  E.ArgVaries = {true, false};
  E.OwnerGuard = true;
  E.Virtual = true;
  E.DispatchClass = "c:@S@Base";
  E.Object = ObjectKind::Captured;
  E.ObjectFunction = "c:@F@main#";
  E.ObjectBuilt = point(3);
  E.ObjectName = "db";
  E.SilencedAtSite = {"coldstart-client-in-handler"};
  E.SilencedAtObject = {"coldstart-download-in-handler", "coldstart-client-in-handler"};
  S.Edges.push_back(E);

  ResourceSite R;
  R.Function = "c:@F@handle#";
  R.What = ResourceSite::Kind::FileRead;
  R.ResourceKind = "file-read";
  R.Rule = "coldstart-file-read-in-handler";
  R.Name = "std::basic_ifstream";
  R.MatchedAs = "std::basic_ifstream";
  R.Where = point(4);
  R.End = point(5);
  R.OnceReason = "under the lazy-initialization guard on 'conn_'";
  R.ArgDeps = {{"c:@F@handle#", 1}};
  R.ArgsVary = true;
  R.ObjectDeps = {{"c:@F@handle#", 2}, {"c:@F@handle#", 3}};
  R.Spelling = "in(\"config.json\")";
  R.OwnerGuard = true;
  R.Silenced = true;
  R.ByName = true;
  S.Sites.push_back(R);

  S.Handlers.push_back({"c:@F@handle#", "handle", point(6), "aws::lambda_runtime::run_handler"});
  S.RegistrationCalls.push_back({"c:@F@main#", point(7), point(8)});
  S.NolintProblems.push_back({point(9), "unmatched range comment"});
  S.StaticInitializers = {"c:@g_config", "c:@g_connector"};
  S.ConstructedClasses = {"c:@S@Impl"};
  return S;
}

/// everyFieldSet(), and every enumerator; points that are not the default but name no file, or
/// are invalid (line 0) yet name a file or a column; the largest line and column; strings that
/// are not UTF-8 or hold a NUL.
TranslationUnitSummary everyShape() {
  TranslationUnitSummary S = everyFieldSet();
  for (EdgeKind K : {EdgeKind::Call, EdgeKind::Construct, EdgeKind::Factory, EdgeKind::Lambda,
                     EdgeKind::Reference}) {
    S.Edges.emplace_back();
    S.Edges.back().Kind = K;
  }
  for (ObjectKind K : {ObjectKind::None, ObjectKind::This, ObjectKind::Local, ObjectKind::Captured,
                       ObjectKind::Static}) {
    S.Edges.emplace_back();
    S.Edges.back().Object = K;
  }
  for (ResourceSite::Kind K :
       {ResourceSite::Kind::Construction, ResourceSite::Kind::Call, ResourceSite::Kind::FileRead}) {
    S.Sites.emplace_back();
    S.Sites.back().What = K;
  }
  for (const SourcePoint &P :
       {SourcePoint{"", 5, 6}, SourcePoint{"/src/x.cpp", 0, 3}, SourcePoint{"", 0, 4294967295u},
        SourcePoint{"/src/\xff.cpp", 4294967295u, 0}}) {
    S.Functions.emplace_back();
    S.Functions.back().Definition = P;
  }
  S.Functions[0].ParamNames.push_back("caf\xe9");
  S.StaticInitializers.push_back(std::string("nul\0byte", 8));
  return S;
}

TEST(SummaryCodec, RoundTripsEveryFieldSet) {
  TranslationUnitSummary S = everyFieldSet();
  // Each object is written with as many keys as its struct has fields: none is left out.
  llvm::json::Value V = summaryToJSON(S);
  const llvm::json::Object &Top = *V.getAsObject();
  EXPECT_EQ(Top.size(), 12u); // mainFile, files, ids and the nine lists
  auto First = [&](llvm::StringRef Key) { return (*Top.getArray(Key))[0].getAsObject(); };
  EXPECT_EQ(First("functions")->size(), 6u);
  EXPECT_EQ(First("classes")->size(), 5u);
  EXPECT_EQ((*First("classes")->getArray("methods"))[0].getAsObject()->size(), 3u);
  EXPECT_EQ(First("edges")->size(), 17u);
  EXPECT_EQ(First("sites")->size(), 16u);
  EXPECT_EQ(First("handlers")->size(), 4u);
  EXPECT_EQ(First("registrationCalls")->size(), 3u);
  EXPECT_EQ(First("nolintProblems")->size(), 2u);
  expectRoundTrip(S);
  expectRoundTrip(everyShape());
}

/// The error summaryFromJSON gives for Text, which must parse; "" when it reads.
std::string readError(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V)
    return "does not parse: " + llvm::toString(V.takeError());
  llvm::Expected<TranslationUnitSummary> S = summaryFromJSON(*V);
  if (S)
    return "";
  return llvm::toString(S.takeError());
}

TEST(SummaryCodec, RejectsValuesThatAreNotSummaries) {
  struct Case {
    const char *Json;
    const char *Error;
  };
  const Case Cases[] = {
      // Not a summary at all.
      {R"([])", "expected an object when parsing summary"},
      {R"(null)", "expected an object when parsing summary"},
      {R"("summary")", "expected an object when parsing summary"},
      {R"({})", "missing field at summary.mainFile"},
      {R"({"files":[]})", "missing field at summary.mainFile"},
      {R"({"mainFile":null})", "expected a string at summary.mainFile"},
      {R"({"mainFile":["a"]})", "expected a string at summary.mainFile"},
      {R"({"mainFile":"m","edge":[]})", "unknown field at summary.edge"},
      {R"({"mainFile":"m","version":1})", "unknown field at summary.version"},
      // Arrays where objects are expected, and the other way round.
      {R"({"mainFile":"m","edges":{"0":{}}})", "expected an array at summary.edges"},
      {R"({"mainFile":"m","edges":[[1,2]]})", "expected an object at summary.edges[0]"},
      {R"({"mainFile":"m","edges":[{},{},"call"]})", "expected an object at summary.edges[2]"},
      {R"({"mainFile":"m","classes":[{"methods":[[]]}]})",
       "expected an object at summary.classes[0].methods[0]"},
      {R"({"mainFile":"m","files":"a.cpp"})", "expected an array at summary.files"},
      {R"({"mainFile":"m","files":[{"path":"a.cpp"}]})", "expected a string at summary.files[0]"},
      // Wrong types.
      {R"({"mainFile":"m","functions":[{"library":"true"}]})",
       "expected a boolean at summary.functions[0].library"},
      {R"({"mainFile":"m","functions":[{"library":1}]})",
       "expected a boolean at summary.functions[0].library"},
      {R"({"mainFile":"m","functions":[{"params":"req"}]})",
       "expected an array at summary.functions[0].params"},
      {R"({"mainFile":"m","functions":[{"params":[[[[["deep"]]]]]}]})",
       "expected a string at summary.functions[0].params[0]"},
      {R"({"mainFile":"m","edges":[{"argVaries":[true,1]}]})",
       "expected a boolean at summary.edges[0].argVaries[1]"},
      {R"({"mainFile":"m","edges":[{"argDeps":[["f",0]]}]})",
       "expected [function id, index] at summary.edges[0].argDeps[0][0]"},
      {R"({"mainFile":"m","edges":[{"argDeps":[[["f"]]]}]})",
       "expected [function id, index] at summary.edges[0].argDeps[0][0]"},
      {R"({"mainFile":"m","ids":["f"],"sites":[{"objectDeps":[["f",0]]}]})",
       "expected an unsigned integer at summary.sites[0].objectDeps[0][0]"},
      {R"({"mainFile":"m","ids":["f"],"sites":[{"argDeps":[[0,-1]]}]})",
       "expected an unsigned integer at summary.sites[0].argDeps[0][1]"},
      // Ids.
      {R"({"mainFile":"m","ids":"f"})", "expected an array at summary.ids"},
      {R"({"mainFile":"m","ids":[1]})", "expected a string at summary.ids[0]"},
      {R"({"mainFile":"m","edges":[{"caller":0}]})",
       "id index out of range of \"ids\" at summary.edges[0].caller"},
      {R"({"mainFile":"m","ids":["f"],"edges":[{"caller":0,"callee":1}]})",
       "id index out of range of \"ids\" at summary.edges[0].callee"},
      {R"({"mainFile":"m","ids":["f"],"edges":[{"caller":"c:@F@f#"}]})",
       "expected an unsigned integer at summary.edges[0].caller"},
      {R"({"mainFile":"m","ids":["f"],"sites":[{"objectDeps":[[1,0]]}]})",
       "id index out of range of \"ids\" at summary.sites[0].objectDeps[0][0]"},
      {R"({"mainFile":"m","ids":["f"],"classes":[{"bases":[0,4294967295]}]})",
       "id index out of range of \"ids\" at summary.classes[0].bases[1]"},
      {R"({"mainFile":"m","ids":["f"],"staticInitializers":0})",
       "expected an array at summary.staticInitializers"},
      {R"({"mainFile":"m","ids":["f"],"constructedClasses":[-1]})",
       "expected an unsigned integer at summary.constructedClasses[0]"},
      {R"({"mainFile":"m","sites":[{"Rule":"coldstart-client-in-handler"}]})",
       "unknown field at summary.sites[0].Rule"},
      // Enumerators.
      {R"({"mainFile":"m","edges":[{"kind":"calls"}]})",
       "unknown edge kind (expected call, construct, factory, lambda or reference) at "
       "summary.edges[0].kind"},
      {R"({"mainFile":"m","edges":[{},{},{},{"kind":1}]})",
       "expected a string at summary.edges[3].kind"},
      {R"({"mainFile":"m","edges":[{"object":"Local"}]})",
       "unknown object kind (expected none, this, local, captured or static) at "
       "summary.edges[0].object"},
      {R"({"mainFile":"m","sites":[{"what":"file_read"}]})",
       "unknown site kind (expected construction, call or file-read) at summary.sites[0].what"},
      // Points.
      {R"({"mainFile":"m","functions":[{"definition":[0,1,1]}]})",
       "file index out of range of \"files\" at summary.functions[0].definition[0]"},
      {R"({"mainFile":"m","files":["a"],"handlers":[{"registration":[1,1,1]}]})",
       "file index out of range of \"files\" at summary.handlers[0].registration[0]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,-1,1]}]})",
       "expected an unsigned integer at summary.edges[0].site[1]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,1099511627776,1]}]})",
       "integer does not fit in 32 bits at summary.edges[0].site[1]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,1,4294967296]}]})",
       "integer does not fit in 32 bits at summary.edges[0].site[2]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,1,18446744073709551616]}]})",
       "expected an unsigned integer at summary.edges[0].site[2]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,1.5,1]}]})",
       "expected an unsigned integer at summary.edges[0].site[1]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,2.0,1]}]})",
       "expected an unsigned integer at summary.edges[0].site[1]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,1e3,1]}]})",
       "expected an unsigned integer at summary.edges[0].site[1]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":["0",1,1]}]})",
       "expected an unsigned integer at summary.edges[0].site[0]"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,1]}]})",
       "expected [file, line, column] or null at summary.edges[0].site"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":[0,1,1,1]}]})",
       "expected [file, line, column] or null at summary.edges[0].site"},
      {R"({"mainFile":"m","files":["a"],"edges":[{"site":{"file":0,"line":1}}]})",
       "expected [file, line, column] or null at summary.edges[0].site"},
      {R"({"mainFile":"m","nolintProblems":[{"where":"a:1:1"}]})",
       "expected [file, line, column] or null at summary.nolintProblems[0].where"},
      // Strings that are not UTF-8, as the writer escapes them.
      {R"({"mainFile":{"base64":"!!!!"}})", "invalid base64 at summary.mainFile.base64"},
      {R"({"mainFile":{"base64":7}})", "expected a string at summary.mainFile.base64"},
      {R"({"mainFile":{"base64":"YQ==","hex":"61"}})", "unknown field at summary.mainFile.hex"},
      {R"({"mainFile":{"hex":"61"}})", "expected a string at summary.mainFile"},
  };
  for (const Case &C : Cases)
    EXPECT_EQ(readError(C.Json), C.Error) << C.Json;
  // The same shapes that are right read.
  EXPECT_EQ(readError(R"({"mainFile":{"base64":"Y2Fm6Q=="},"files":["a"],)"
                      R"("edges":[{"site":[0,4294967295,0],"argVaries":[true,false]}]})"),
            "");
}

/// One step from a JSON value to a child: an object's field or an array's element.
struct Step {
  std::string Field; // empty: Index
  size_t Index = 0;
};

llvm::json::Value *child(llvm::json::Value &V, const Step &S) {
  if (!S.Field.empty())
    return V.getAsObject()->get(S.Field);
  return &(*V.getAsArray())[S.Index];
}

/// The path of every value inside V (not V itself), as steps and as Path::Root spells it.
void collectPaths(const llvm::json::Value &V, std::vector<Step> &Steps, const std::string &Name,
                  std::vector<std::pair<std::vector<Step>, std::string>> &Out) {
  auto Visit = [&](Step S, const llvm::json::Value &Child, const std::string &ChildName) {
    Steps.push_back(std::move(S));
    Out.emplace_back(Steps, ChildName);
    collectPaths(Child, Steps, ChildName, Out);
    Steps.pop_back();
  };
  if (const llvm::json::Object *O = V.getAsObject()) {
    for (const auto &KV : *O)
      Visit({KV.first.str(), 0}, KV.second, Name + "." + KV.first.str());
  } else if (const llvm::json::Array *A = V.getAsArray()) {
    for (size_t I = 0; I < A->size(); ++I)
      Visit({"", I}, (*A)[I], Name + "[" + std::to_string(I) + "]");
  }
}

TEST(SummaryCodec, EveryValueOfTheWrongTypeIsAnErrorAtItsPath) {
  // Each value in a summary of every shape, in turn: replaced by a value of another type
  // (which no field accepts), the error names exactly its path; an object given an unknown
  // field names that field.
  const llvm::json::Value Original = summaryToJSON(everyShape());
  std::vector<std::pair<std::vector<Step>, std::string>> Paths;
  std::vector<Step> Steps;
  collectPaths(Original, Steps, "summary", Paths);
  ASSERT_GT(Paths.size(), 150u);
  for (const auto &[Route, Name] : Paths) {
    llvm::json::Value Copy = Original;
    llvm::json::Value *Target = &Copy;
    for (const Step &S : Route)
      Target = child(*Target, S);
    std::string Where = Name;
    if (llvm::json::Object *O = Target->getAsObject()) {
      O->try_emplace("bogus", 1);
      Where += ".bogus";
    } else if (Target->getAsArray()) {
      *Target = llvm::json::Object{{"bogus", 1}};
    } else if (Target->getAsString()) {
      *Target = 1;
    } else {
      *Target = "x";
    }
    llvm::Expected<TranslationUnitSummary> Read = summaryFromJSON(Copy);
    if (Read) {
      ADD_FAILURE() << "read with a wrong value at " << Name;
      continue;
    }
    std::string Message = llvm::toString(Read.takeError());
    EXPECT_TRUE(llvm::StringRef(Message).ends_with(" at " + Where)) << Message << "\n" << Where;
  }
}

} // namespace
