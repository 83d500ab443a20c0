#include "TestReports.h"

#include "coldstart/report/Writers.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <set>

using namespace coldstart::report;
using namespace coldstart::report::test;
using llvm::json::Array;
using llvm::json::Object;

namespace {

std::string sarifText(const Report &R, const std::string &Root = "") {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeSarif(R, ruleSet(), OS, Root);
  return Out;
}

llvm::json::Value sarif(const Report &R, const std::string &Root = "") {
  return parseJson(sarifText(R, Root));
}

const Object &run(const llvm::json::Value &Doc) {
  static const Object Empty;
  const Object *Top = Doc.getAsObject();
  if (!Top || !Top->getArray("runs") || Top->getArray("runs")->empty()) {
    ADD_FAILURE() << "no runs";
    return Empty;
  }
  return *(*Top->getArray("runs"))[0].getAsObject();
}

const Array &results(const llvm::json::Value &Doc) {
  static const Array Empty;
  const Array *A = run(Doc).getArray("results");
  if (!A) {
    ADD_FAILURE() << "no results array";
    return Empty;
  }
  return *A;
}

bool validLevel(std::optional<llvm::StringRef> L) {
  return L && (*L == "note" || *L == "warning" || *L == "error");
}

std::string text(const Object *O, llvm::StringRef Key) {
  if (!O || !O->getObject(Key) || !O->getObject(Key)->getString("text"))
    return "";
  return O->getObject(Key)->getString("text")->str();
}

Report lintReport() {
  Report R;
  R.Command = "lint";
  R.Findings = {clientFinding(), sdkInitFinding()};
  return R;
}

std::string fingerprint(const Object &Result) {
  const Object *FP = Result.getObject("partialFingerprints");
  if (!FP || !FP->getString("coldstartFingerprint/v1")) {
    ADD_FAILURE() << "no coldstartFingerprint/v1";
    return "";
  }
  return FP->getString("coldstartFingerprint/v1")->str();
}

TEST(Sarif, RequiredTopLevelAndDriverFields) {
  llvm::json::Value Doc = sarif(lintReport());
  const Object *Top = Doc.getAsObject();
  ASSERT_TRUE(Top);
  EXPECT_EQ(Top->getString("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(Top->getString("version"), "2.1.0");
  ASSERT_EQ(Top->getArray("runs")->size(), 1u);

  const Object *Driver = run(Doc).getObject("tool")->getObject("driver");
  ASSERT_TRUE(Driver);
  EXPECT_EQ(Driver->getString("name"), "coldstart");
  ASSERT_TRUE(Driver->getString("version"));
  EXPECT_FALSE(Driver->getString("version")->empty());
  EXPECT_EQ(Driver->getString("semanticVersion"), Driver->getString("version"));
  if (auto Info = Driver->getString("informationUri")) {
    EXPECT_TRUE(Info->contains("://")) << "informationUri must be absolute";
  }

  const Array *Rules = Driver->getArray("rules");
  ASSERT_TRUE(Rules);
  for (const llvm::json::Value &RV : *Rules) {
    const Object *Rule = RV.getAsObject();
    ASSERT_TRUE(Rule);
    ASSERT_TRUE(Rule->getString("id"));
    SCOPED_TRACE(Rule->getString("id")->str());
    ASSERT_TRUE(Rule->getString("name"));
    EXPECT_FALSE(Rule->getString("name")->empty());
    EXPECT_FALSE(text(Rule, "shortDescription").empty());
    EXPECT_FALSE(text(Rule, "fullDescription").empty());
    EXPECT_FALSE(text(Rule, "help").empty());
    ASSERT_TRUE(Rule->getObject("help")->getString("markdown"));
    ASSERT_TRUE(Rule->getObject("defaultConfiguration"));
    EXPECT_TRUE(validLevel(Rule->getObject("defaultConfiguration")->getString("level")));
    ASSERT_TRUE(Rule->getObject("properties"));
    EXPECT_TRUE(Rule->getObject("properties")->getArray("tags"));
    if (auto Help = Rule->getString("helpUri")) {
      EXPECT_TRUE(Help->contains("://")) << "helpUri must be an absolute URI";
    }
  }

  const Array *Invocations = run(Doc).getArray("invocations");
  ASSERT_TRUE(Invocations);
  ASSERT_EQ(Invocations->size(), 1u);
  EXPECT_EQ((*Invocations)[0].getAsObject()->getBoolean("executionSuccessful"), true);
}

TEST(Sarif, RulesAreThePassRulesPlusThoseUsedAndIndicesMatch) {
  Report R = lintReport();
  // A source run that also reports an artifact rule: that rule joins the list.
  R.Findings.push_back(packageFinding());
  llvm::json::Value Doc = sarif(R);
  const Array *Rules = run(Doc).getObject("tool")->getObject("driver")->getArray("rules");
  std::vector<std::string> Ids;
  for (const llvm::json::Value &RV : *Rules)
    Ids.push_back(RV.getAsObject()->getString("id")->str());
  EXPECT_EQ(Ids, (std::vector<std::string>{"coldstart-client-in-handler", "coldstart-package-size",
                                           "coldstart-sdk-init-in-handler"}));

  const Array &Res = results(Doc);
  ASSERT_EQ(Res.size(), 3u);
  for (const llvm::json::Value &V : Res) {
    const Object *Result = V.getAsObject();
    ASSERT_TRUE(Result->getString("ruleId"));
    ASSERT_TRUE(Result->getInteger("ruleIndex"));
    int64_t Index = *Result->getInteger("ruleIndex");
    ASSERT_GE(Index, 0);
    ASSERT_LT(static_cast<size_t>(Index), Rules->size());
    EXPECT_EQ((*Rules)[Index].getAsObject()->getString("id"), Result->getString("ruleId"));
    EXPECT_TRUE(validLevel(Result->getString("level")));
    EXPECT_FALSE(text(Result, "message").empty());
  }

  // An inspect run lists the artifact rules, not the source ones.
  Report I;
  I.Command = "inspect";
  I.Findings = {packageFinding()};
  llvm::json::Value IDoc = sarif(I);
  Ids.clear();
  for (const llvm::json::Value &RV :
       *run(IDoc).getObject("tool")->getObject("driver")->getArray("rules"))
    Ids.push_back(RV.getAsObject()->getString("id")->str());
  EXPECT_EQ(Ids,
            (std::vector<std::string>{"coldstart-package-size", "coldstart-unstripped-binary"}));
}

TEST(Sarif, RuleMetadataComesFromTheRuleSet) {
  llvm::json::Value Doc = sarif(lintReport());
  const Array *Rules = run(Doc).getObject("tool")->getObject("driver")->getArray("rules");
  const Object *SdkInit = nullptr;
  for (const llvm::json::Value &RV : *Rules)
    if (RV.getAsObject()->getString("id") == "coldstart-sdk-init-in-handler")
      SdkInit = RV.getAsObject();
  ASSERT_TRUE(SdkInit);
  EXPECT_EQ(SdkInit->getString("name"), "SdkInitInHandler");
  EXPECT_EQ(text(SdkInit, "shortDescription"), "Summary of coldstart-sdk-init-in-handler.");
  EXPECT_EQ(text(SdkInit, "fullDescription"),
            "Why coldstart-sdk-init-in-handler matters, with numbers.");
  EXPECT_NE(text(SdkInit, "help").find("docs/rules/coldstart-sdk-init-in-handler.md"),
            std::string::npos);
  EXPECT_EQ(SdkInit->getObject("defaultConfiguration")->getString("level"), "error");
  EXPECT_EQ(SdkInit->getObject("properties")->getString("category"), "sdk-init");
}

TEST(Sarif, UndescribedRuleStillGetsAConsistentEntry) {
  Report R = lintReport();
  Finding F = clientFinding();
  F.Rule = "coldstart-heavy-object-in-handler"; // not in the hand-built rule set
  F.Level = Severity::Note;
  R.Findings.push_back(F);
  llvm::json::Value Doc = sarif(R);
  const Array *Rules = run(Doc).getObject("tool")->getObject("driver")->getArray("rules");
  bool Found = false;
  for (const llvm::json::Value &V : results(Doc)) {
    const Object *Result = V.getAsObject();
    if (Result->getString("ruleId") != "coldstart-heavy-object-in-handler")
      continue;
    Found = true;
    const Object *Rule = (*Rules)[*Result->getInteger("ruleIndex")].getAsObject();
    EXPECT_EQ(Rule->getString("id"), "coldstart-heavy-object-in-handler");
    EXPECT_EQ(Rule->getObject("defaultConfiguration")->getString("level"), "note");
  }
  EXPECT_TRUE(Found);
}

TEST(Sarif, SourceLocationsHaveRegionsAndTracesHaveRelatedLocations) {
  llvm::json::Value Doc = sarif(lintReport());
  const Array &Res = results(Doc);
  ASSERT_EQ(Res.size(), 2u);
  // Sorted: InitAPI (line 12, no trace) then the client (line 42, two trace steps).
  const Object *Init = Res[0].getAsObject();
  const Object *Client = Res[1].getAsObject();
  EXPECT_EQ(Init->getString("ruleId"), "coldstart-sdk-init-in-handler");
  EXPECT_FALSE(Init->getArray("relatedLocations"));

  EXPECT_EQ(Client->getString("level"), "warning");
  EXPECT_EQ(text(Client, "message"), clientFinding().Message);
  const Array *Locs = Client->getArray("locations");
  ASSERT_TRUE(Locs);
  ASSERT_EQ(Locs->size(), 1u);
  const Object *Phys = (*Locs)[0].getAsObject()->getObject("physicalLocation");
  ASSERT_TRUE(Phys);
  EXPECT_EQ(Phys->getObject("artifactLocation")->getString("uri"), "src/handler.cpp");
  EXPECT_FALSE(Phys->getObject("artifactLocation")->getString("uriBaseId"));
  const Object *Region = Phys->getObject("region");
  ASSERT_TRUE(Region);
  EXPECT_EQ(Region->getInteger("startLine"), 42);
  EXPECT_EQ(Region->getInteger("startColumn"), 23);
  EXPECT_EQ(Region->getInteger("endLine"), 42);
  EXPECT_EQ(Region->getInteger("endColumn"), 48);

  const Array *Related = Client->getArray("relatedLocations");
  ASSERT_TRUE(Related);
  ASSERT_EQ(Related->size(), 2u);
  std::set<int64_t> RelatedIds;
  for (size_t I = 0; I != Related->size(); ++I) {
    const Object *Rel = (*Related)[I].getAsObject();
    ASSERT_TRUE(Rel->getInteger("id"));
    RelatedIds.insert(*Rel->getInteger("id"));
    EXPECT_EQ(text(Rel, "message"), clientFinding().Trace[I].Note);
    const Object *RelPhys = Rel->getObject("physicalLocation");
    ASSERT_TRUE(RelPhys);
    EXPECT_EQ(RelPhys->getObject("artifactLocation")->getString("uri"), "src/handler.cpp");
    EXPECT_EQ(RelPhys->getObject("region")->getInteger("startLine"),
              clientFinding().Trace[I].Where.Line);
  }
  EXPECT_EQ(RelatedIds.size(), 2u) << "relatedLocations ids must be unique";

  // The chain is also a code flow ending at the construction site.
  const Array *Flows = Client->getArray("codeFlows");
  ASSERT_TRUE(Flows);
  const Array *Steps =
      (*(*Flows)[0].getAsObject()->getArray("threadFlows"))[0].getAsObject()->getArray("locations");
  ASSERT_EQ(Steps->size(), 3u);
  EXPECT_EQ((*Steps)[2]
                .getAsObject()
                ->getObject("location")
                ->getObject("physicalLocation")
                ->getObject("region")
                ->getInteger("startLine"),
            42);

  const Object *Props = Client->getObject("properties");
  ASSERT_TRUE(Props);
  EXPECT_EQ(Props->getString("handler"), "my_handler");
  EXPECT_EQ(Props->getString("fix"), clientFinding().FixHint);
}

TEST(Sarif, ArtifactFindingHasOnlyAnArtifactLocation) {
  Report R;
  R.Command = "inspect";
  R.Findings = {packageFinding()};
  llvm::json::Value Doc = sarif(R);
  const Object *Result = results(Doc)[0].getAsObject();
  EXPECT_EQ(Result->getString("level"), "error");
  const Object *Phys =
      (*Result->getArray("locations"))[0].getAsObject()->getObject("physicalLocation");
  ASSERT_TRUE(Phys);
  EXPECT_EQ(Phys->getObject("artifactLocation")->getString("uri"), "function.zip");
  EXPECT_FALSE(Phys->getObject("region"));
}

TEST(Sarif, FingerprintsIgnoreLineMovesButTellFindingsApart) {
  Report Before = lintReport();
  Report After;
  After.Command = "lint";
  After.Findings = {clientFinding(10), sdkInitFinding()};
  // Same handler, same construction, moved down 10 lines: same fingerprint.
  ASSERT_EQ(results(sarif(Before))[1].getAsObject()->getString("ruleId"),
            "coldstart-client-in-handler");
  std::string FPBefore = fingerprint(*results(sarif(Before))[1].getAsObject());
  std::string FPAfter = fingerprint(*results(sarif(After))[1].getAsObject());
  EXPECT_FALSE(FPBefore.empty());
  EXPECT_EQ(FPBefore, FPAfter);

  // Every other finding differs.
  std::set<std::string> Seen;
  Report Many;
  Many.Command = "lint";
  Finding OtherKey = clientFinding();
  OtherKey.FingerprintKey = "download|Aws::S3::S3Client";
  Finding OtherFile = clientFinding();
  OtherFile.Where.File = "src/other.cpp";
  Finding OtherHandler = clientFinding();
  OtherHandler.Handler = "other_handler";
  Finding OtherRule = clientFinding();
  OtherRule.Rule = "coldstart-sdk-init-in-handler";
  Finding SecondOccurrence = clientFinding(3); // same identity twice: told apart by occurrence
  Many.Findings = {clientFinding(), sdkInitFinding(), OtherKey,        OtherFile,
                   OtherHandler,    OtherRule,        SecondOccurrence};
  llvm::json::Value ManyDoc = sarif(Many);
  for (const llvm::json::Value &V : results(ManyDoc))
    Seen.insert(fingerprint(*V.getAsObject()));
  EXPECT_EQ(Seen.size(), Many.Findings.size());
}

TEST(Sarif, FingerprintsDoNotDependOnWhereTheCheckoutLives) {
  auto Fingerprints = [](const std::string &Root) {
    Report R = lintReport();
    for (Finding &F : R.Findings)
      F.Where.File = Root + "/src/handler.cpp";
    llvm::json::Value Doc = sarif(R, Root);
    std::vector<std::string> Out;
    for (const llvm::json::Value &V : results(Doc))
      Out.push_back(V.getAsObject()->getString("ruleId")->str() + "=" +
                    fingerprint(*V.getAsObject()));
    return Out;
  };
  std::vector<std::string> A = Fingerprints("/home/ci/a/repo");
  std::vector<std::string> B = Fingerprints("/tmp/b/repo");
  ASSERT_EQ(A.size(), 2u);
  EXPECT_EQ(A, B);
  // Without a source root the absolute path is all there is, and it differs.
  Report C = lintReport();
  C.Findings[0].Where.File = "/home/ci/a/repo/src/handler.cpp";
  Report D = lintReport();
  D.Findings[0].Where.File = "/tmp/b/repo/src/handler.cpp";
  llvm::json::Value DocC = sarif(C), DocD = sarif(D);
  EXPECT_EQ(results(DocC)[0].getAsObject()->getString("ruleId"), "coldstart-client-in-handler");
  EXPECT_NE(fingerprint(*results(DocC)[0].getAsObject()),
            fingerprint(*results(DocD)[0].getAsObject()));
}

TEST(Sarif, SourceRootMakesUrisRelative) {
  Report R = lintReport();
  R.Findings[0].Where.File = "/work/repo/src/handler.cpp";
  R.Findings[0].Trace[0].Where.File = "/work/repo/src/../src/main.cpp";
  R.Findings[1].Where.File = "/usr/include/elsewhere.h";
  llvm::json::Value Doc = sarif(R, "/work/repo/");
  const Object *Bases = run(Doc).getObject("originalUriBaseIds");
  ASSERT_TRUE(Bases);
  ASSERT_TRUE(Bases->getObject("%SRCROOT%"));
  EXPECT_EQ(Bases->getObject("%SRCROOT%")->getString("uri"), "file:///work/repo/");

  const Array &Res = results(Doc);
  const Object *Client = nullptr, *Outside = nullptr;
  for (const llvm::json::Value &V : Res)
    (V.getAsObject()->getString("ruleId") == "coldstart-client-in-handler" ? Client : Outside) =
        V.getAsObject();
  ASSERT_TRUE(Client && Outside);
  const Object *Art = (*Client->getArray("locations"))[0]
                          .getAsObject()
                          ->getObject("physicalLocation")
                          ->getObject("artifactLocation");
  EXPECT_EQ(Art->getString("uri"), "src/handler.cpp");
  EXPECT_EQ(Art->getString("uriBaseId"), "%SRCROOT%");
  const Object *RelArt = (*Client->getArray("relatedLocations"))[0]
                             .getAsObject()
                             ->getObject("physicalLocation")
                             ->getObject("artifactLocation");
  EXPECT_EQ(RelArt->getString("uri"), "src/main.cpp");
  EXPECT_EQ(RelArt->getString("uriBaseId"), "%SRCROOT%");

  const Object *OutArt = (*Outside->getArray("locations"))[0]
                             .getAsObject()
                             ->getObject("physicalLocation")
                             ->getObject("artifactLocation");
  EXPECT_EQ(OutArt->getString("uri"), "file:///usr/include/elsewhere.h");
  EXPECT_FALSE(OutArt->getString("uriBaseId"));
}

TEST(Sarif, AbsolutePathsWithoutRootAreFileUris) {
  Report R = lintReport();
  R.Findings[0].Where.File = "/abs/handler.cpp";
  llvm::json::Value Doc = sarif(R);
  EXPECT_FALSE(run(Doc).getObject("originalUriBaseIds"));
  // "/abs/..." sorts before "src/...": the client finding is now the first result.
  const Object *Client = results(Doc)[0].getAsObject();
  ASSERT_EQ(Client->getString("ruleId"), "coldstart-client-in-handler");
  const Object *Art = (*Client->getArray("locations"))[0]
                          .getAsObject()
                          ->getObject("physicalLocation")
                          ->getObject("artifactLocation");
  EXPECT_EQ(Art->getString("uri"), "file:///abs/handler.cpp");
}

TEST(Sarif, OddCharactersArePercentEncodedInUrisAndEscapedInText) {
  Report R;
  R.Command = "lint";
  Finding F = clientFinding();
  F.Where.File = "dir with space/a#b%c?d:e\xc3\xa9.cpp";
  F.Message = "quote \" backslash \\ newline \n tab \t done";
  F.Trace[0].Note = "<b>not markup</b> & \"quoted\"";
  R.Findings = {F};
  std::string Text = sarifText(R);
  EXPECT_EQ(Text.find('\t'), std::string::npos);
  llvm::json::Value Doc = parseJson(Text);
  const Object *Result = results(Doc)[0].getAsObject();
  const Object *Art = (*Result->getArray("locations"))[0]
                          .getAsObject()
                          ->getObject("physicalLocation")
                          ->getObject("artifactLocation");
  EXPECT_EQ(Art->getString("uri"), "dir%20with%20space/a%23b%25c%3Fd%3Ae%C3%A9.cpp");
  EXPECT_EQ(text(Result, "message"), F.Message);
  EXPECT_EQ(text((*Result->getArray("relatedLocations"))[0].getAsObject(), "message"),
            F.Trace[0].Note);
}

TEST(Sarif, RunNotesBecomeToolExecutionNotifications) {
  Report R = lintReport();
  R.RunNotes = {"skipped gen/x.cpp: no compile command", "analysis was partial"};
  llvm::json::Value Doc = sarif(R);
  const Object *Inv = (*run(Doc).getArray("invocations"))[0].getAsObject();
  const Array *Notes = Inv->getArray("toolExecutionNotifications");
  ASSERT_TRUE(Notes);
  ASSERT_EQ(Notes->size(), 2u);
  EXPECT_EQ(text((*Notes)[0].getAsObject(), "message"), "skipped gen/x.cpp: no compile command");
  EXPECT_EQ((*Notes)[1].getAsObject()->getString("level"), "note");
}

TEST(Sarif, EmptyReportIsStillAValidLog) {
  Report R;
  R.Command = "lint";
  llvm::json::Value Doc = sarif(R);
  EXPECT_TRUE(results(Doc).empty());
  // Every source rule of the rule set is still listed so viewers can describe them.
  EXPECT_EQ(run(Doc).getObject("tool")->getObject("driver")->getArray("rules")->size(), 2u);
}

} // namespace
