#include "TestReports.h"

#include "coldstart/report/MeasureReport.h"
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

std::string lintJson(const Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeLintJson(R, OS);
  return Out;
}

std::set<std::string> keysOf(const Object &O) {
  std::set<std::string> Keys;
  for (const auto &KV : O)
    Keys.insert(KV.first.str());
  return Keys;
}

const std::set<std::string> ContractFields = {"rule",    "severity", "file",    "line", "column",
                                              "message", "category", "handler", "trace"};
const std::set<std::string> ExtraFields = {"fix", "end_line", "end_column"};

TEST(LintJson, FieldsAreExactlyTheContract) {
  Report R;
  R.Command = "lint";
  Finding Bare = sdkInitFinding();
  Bare.FixHint.clear();
  Bare.Where.EndLine = Bare.Where.EndColumn = 0;
  R.Findings = {clientFinding(), Bare};
  llvm::json::Value V = parseJson(lintJson(R));
  const Object *Top = V.getAsObject();
  ASSERT_TRUE(Top);
  EXPECT_EQ(keysOf(*Top), (std::set<std::string>{"findings", "notes"}));
  const Array *Findings = Top->getArray("findings");
  ASSERT_TRUE(Findings);
  ASSERT_EQ(Findings->size(), 2u);

  for (const llvm::json::Value &FV : *Findings) {
    const Object *F = FV.getAsObject();
    ASSERT_TRUE(F);
    std::set<std::string> Keys = keysOf(*F);
    for (const std::string &K : ContractFields)
      EXPECT_TRUE(Keys.count(K)) << "missing " << K;
    for (const std::string &K : Keys)
      EXPECT_TRUE(ContractFields.count(K) || ExtraFields.count(K)) << "unexpected " << K;
    for (const char *K : {"rule", "severity", "file", "message", "category", "handler"})
      EXPECT_TRUE(F->getString(K)) << K << " must be a string";
    for (const char *K : {"line", "column"})
      EXPECT_TRUE(F->getInteger(K)) << K << " must be an integer";
    std::string Sev = F->getString("severity")->str();
    EXPECT_TRUE(Sev == "note" || Sev == "warning" || Sev == "error") << Sev;
    ASSERT_TRUE(F->getArray("trace"));
  }

  // Sorted: the InitAPI finding (line 12) comes first; it has no trace, fix or end position.
  const Object *Init = (*Findings)[0].getAsObject();
  EXPECT_EQ(*Init->getString("rule"), "coldstart-sdk-init-in-handler");
  EXPECT_EQ(*Init->getString("severity"), "error");
  EXPECT_EQ(*Init->getInteger("line"), 12);
  EXPECT_EQ(*Init->getInteger("column"), 5);
  EXPECT_TRUE(Init->getArray("trace")->empty());
  EXPECT_EQ(keysOf(*Init), ContractFields);

  const Object *Client = (*Findings)[1].getAsObject();
  EXPECT_EQ(*Client->getString("rule"), "coldstart-client-in-handler");
  EXPECT_EQ(*Client->getString("severity"), "warning");
  EXPECT_EQ(*Client->getString("file"), "src/handler.cpp");
  EXPECT_EQ(*Client->getInteger("line"), 42);
  EXPECT_EQ(*Client->getInteger("column"), 23);
  EXPECT_EQ(*Client->getInteger("end_line"), 42);
  EXPECT_EQ(*Client->getInteger("end_column"), 48);
  EXPECT_EQ(*Client->getString("category"), "client");
  EXPECT_EQ(*Client->getString("handler"), "my_handler");
  EXPECT_EQ(*Client->getString("fix"), clientFinding().FixHint);
  const Array *Trace = Client->getArray("trace");
  ASSERT_EQ(Trace->size(), 2u);
  const Object *Step = (*Trace)[0].getAsObject();
  EXPECT_EQ(*Step->getString("file"), "src/handler.cpp");
  EXPECT_EQ(*Step->getInteger("line"), 70);
  EXPECT_EQ(*Step->getString("note"), "handler 'my_handler' calls 'upload'");
  for (const llvm::json::Value &SV : *Trace) {
    std::set<std::string> StepKeys = keysOf(*SV.getAsObject());
    for (const char *K : {"file", "line", "note"})
      EXPECT_TRUE(StepKeys.count(K)) << "trace step missing " << K;
    for (const std::string &K : StepKeys)
      EXPECT_TRUE(K == "file" || K == "line" || K == "note" || K == "column") << K;
  }
}

TEST(LintJson, EmptyReportAndRunNotes) {
  Report R;
  R.Command = "lint";
  llvm::json::Value V = parseJson(lintJson(R));
  ASSERT_TRUE(V.getAsObject());
  EXPECT_TRUE(V.getAsObject()->getArray("findings")->empty());
  EXPECT_TRUE(V.getAsObject()->getArray("notes")->empty());

  R.RunNotes = {"partial: 1 file failed to parse"};
  V = parseJson(lintJson(R));
  const Array *Notes = V.getAsObject()->getArray("notes");
  ASSERT_EQ(Notes->size(), 1u);
  EXPECT_EQ((*Notes)[0].getAsString(), "partial: 1 file failed to parse");
}

TEST(LintJson, OddCharactersAreEscapedAndRoundTrip) {
  Report R;
  Finding F = clientFinding();
  F.Where.File = "dir \"quoted\"\\back\tslash/\xc3\xa9t\xc3\xa9.cpp";
  F.Message = "line one\nline two \x01 </script> \u2603";
  F.Handler = "ns::handler<\"x\">";
  F.Trace = {{loc(F.Where.File, 1, 1), "note with \"quotes\" and \\"}};
  R.Findings = {F};
  std::string Text = lintJson(R);
  EXPECT_EQ(Text.find('\t'), std::string::npos) << "raw tab in JSON";
  EXPECT_EQ(Text.find('\x01'), std::string::npos) << "raw control character in JSON";
  llvm::json::Value V = parseJson(Text);
  const Object *Out = (*V.getAsObject()->getArray("findings"))[0].getAsObject();
  EXPECT_EQ(*Out->getString("file"), F.Where.File);
  EXPECT_EQ(*Out->getString("message"), F.Message);
  EXPECT_EQ(*Out->getString("handler"), F.Handler);
  EXPECT_EQ(*(*Out->getArray("trace"))[0].getAsObject()->getString("note"), F.Trace[0].Note);
}

TEST(LintJson, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  Report R;
  Finding F = clientFinding();
  F.Where.File = "latin1-\xe9.cpp"; // a Linux file name need not be UTF-8
  R.Findings = {F};
  llvm::json::Value V = parseJson(lintJson(R));
  const Object *Out = (*V.getAsObject()->getArray("findings"))[0].getAsObject();
  EXPECT_EQ(*Out->getString("file"), "latin1-\xef\xbf\xbd.cpp");
}

TEST(InspectFindingsJson, ArtifactFieldsOfTheContract) {
  Finding Bare = packageFinding();
  Bare.Category.clear();
  Bare.FixHint.clear();
  Array A = inspectFindingsJson({packageFinding(), Bare});
  // Round trip through text, as the inspect document will.
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(A));
  llvm::json::Value V = parseJson(Text);
  ASSERT_TRUE(V.getAsArray());
  ASSERT_EQ(V.getAsArray()->size(), 2u);
  for (const llvm::json::Value &FV : *V.getAsArray()) {
    const Object *F = FV.getAsObject();
    std::set<std::string> Keys = keysOf(*F);
    for (const char *K : {"rule", "severity", "path", "message"})
      EXPECT_TRUE(F->getString(K)) << K;
    for (const std::string &K : Keys)
      EXPECT_TRUE(K == "rule" || K == "severity" || K == "path" || K == "message" ||
                  K == "category" || K == "fix")
          << K;
    EXPECT_EQ(*F->getString("path"), "function.zip");
    EXPECT_EQ(*F->getString("severity"), "error");
  }
  std::set<std::string> FullKeys;
  std::set<std::string> BareKeys;
  for (const llvm::json::Value &FV : *V.getAsArray()) {
    std::set<std::string> K = keysOf(*FV.getAsObject());
    (K.count("fix") ? FullKeys : BareKeys) = K;
  }
  EXPECT_EQ(BareKeys, (std::set<std::string>{"rule", "severity", "path", "message"}));
  EXPECT_EQ(FullKeys,
            (std::set<std::string>{"rule", "severity", "path", "message", "category", "fix"}));
}

} // namespace

TEST(MeasureJson, DoublesAreSpelledShortestAndReadBackExactly) {
  coldstart::report::MeasureReport R;
  R.Artifact = "function.zip";
  // Milliseconds are kept to 3 decimals; 0.4 and 12.9 still have no exact binary form, and
  // llvm::json alone prints them with 17 digits ("0.40000000000000002").
  R.InitSamplesMs = {0.4, 12.9, 0.001, 123456.125, 2.5};
  R.EstimateColdStartMs = 0.3;
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  coldstart::report::writeMeasureJson(R, OS);
  EXPECT_EQ(Text.find("0.40000000000000002"), std::string::npos) << Text;
  EXPECT_EQ(Text.find("12.90000000"), std::string::npos) << Text;
  EXPECT_EQ(Text.find("0.29999999"), std::string::npos) << Text;

  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  ASSERT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
  const llvm::json::Object *Samples = Parsed->getAsObject()->getObject("samples");
  ASSERT_NE(Samples, nullptr) << Text;
  const llvm::json::Array *Init = Samples->getArray("init_ms");
  ASSERT_NE(Init, nullptr) << Text;
  ASSERT_EQ(Init->size(), R.InitSamplesMs.size());
  // The short spelling is the same double, not an approximation of it.
  for (size_t I = 0; I < Init->size(); ++I)
    EXPECT_EQ((*Init)[I].getAsNumber(), R.InitSamplesMs[I]) << I;
  EXPECT_EQ(Parsed->getAsObject()->getObject("estimate")->getNumber("cold_start_ms"), 0.3);

  // Text inside strings that looks like a number is not touched.
  R.Artifact = "0.40000000000000002.zip";
  Text.clear();
  coldstart::report::writeMeasureJson(R, OS);
  EXPECT_NE(Text.find("\"0.40000000000000002.zip\""), std::string::npos) << Text;
}
