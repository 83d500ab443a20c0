#include "TestReports.h"

#include "coldstart/report/Finding.h"

#include <gtest/gtest.h>

using namespace coldstart::report;
using namespace coldstart::report::test;

namespace {

Finding at(const std::string &File, unsigned Line, unsigned Col, const std::string &Rule,
           const std::string &Message = "m") {
  Finding F;
  F.Rule = Rule;
  F.Where = loc(File, Line, Col);
  F.Message = Message;
  return F;
}

std::vector<std::string> keys(const std::vector<Finding> &Fs) {
  std::vector<std::string> Out;
  for (const Finding &F : Fs)
    Out.push_back(F.Where.File + ":" + std::to_string(F.Where.Line) + ":" +
                  std::to_string(F.Where.Column) + ":" + F.Rule + ":" + F.Message);
  return Out;
}

TEST(SortFindings, OrdersByFileLineColumnRuleMessage) {
  std::vector<Finding> Fs = {at("b.cpp", 1, 1, "r-a"),       at("a.cpp", 10, 2, "r-a"),
                             at("a.cpp", 9, 50, "r-a"),      at("a.cpp", 10, 1, "r-b"),
                             at("a.cpp", 10, 1, "r-a", "z"), at("a.cpp", 10, 1, "r-a", "a")};
  sortFindings(Fs);
  EXPECT_EQ(keys(Fs),
            (std::vector<std::string>{"a.cpp:9:50:r-a:m", "a.cpp:10:1:r-a:a", "a.cpp:10:1:r-a:z",
                                      "a.cpp:10:1:r-b:m", "a.cpp:10:2:r-a:m", "b.cpp:1:1:r-a:m"}));
}

TEST(SortFindings, SameResultWhateverTheInputOrder) {
  std::vector<Finding> A = {clientFinding(), sdkInitFinding(), packageFinding(),
                            at("a.cpp", 1, 1, "r", "m")};
  A.back().Handler = "h2";
  A.push_back(at("a.cpp", 1, 1, "r", "m"));
  A.back().Handler = "h1";
  std::vector<Finding> B(A.rbegin(), A.rend());
  sortFindings(A);
  sortFindings(B);
  ASSERT_EQ(A.size(), B.size());
  for (size_t I = 0; I != A.size(); ++I) {
    EXPECT_EQ(A[I].Where.File, B[I].Where.File);
    EXPECT_EQ(A[I].Where.Line, B[I].Where.Line);
    EXPECT_EQ(A[I].Rule, B[I].Rule);
    EXPECT_EQ(A[I].Handler, B[I].Handler);
  }
  // Ties on the documented keys are broken by the handler.
  EXPECT_EQ(A[0].Handler, "h1");
  EXPECT_EQ(A[1].Handler, "h2");
}

TEST(HasFindingAtOrAbove, ComparesSeverities) {
  std::vector<Finding> None;
  EXPECT_FALSE(hasFindingAtOrAbove(None, Severity::Note));

  std::vector<Finding> Warn = {clientFinding()};
  EXPECT_TRUE(hasFindingAtOrAbove(Warn, Severity::Note));
  EXPECT_TRUE(hasFindingAtOrAbove(Warn, Severity::Warning));
  EXPECT_FALSE(hasFindingAtOrAbove(Warn, Severity::Error));

  Warn.push_back(sdkInitFinding());
  EXPECT_TRUE(hasFindingAtOrAbove(Warn, Severity::Error));

  Finding Note = clientFinding();
  Note.Level = Severity::Note;
  std::vector<Finding> Notes = {Note};
  EXPECT_TRUE(hasFindingAtOrAbove(Notes, Severity::Note));
  EXPECT_FALSE(hasFindingAtOrAbove(Notes, Severity::Warning));
}

} // namespace
