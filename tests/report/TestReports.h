// Hand-built reports and rule sets shared by the writer tests.
#pragma once

#include "coldstart/report/Finding.h"
#include "coldstart/rules/RuleSet.h"

#include "JsonSupport.h" // parseJson

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <string>

namespace coldstart::report::test {

inline rules::RuleInfo ruleInfo(const std::string &Id, const std::string &Pass,
                                const std::string &Category, Severity S) {
  rules::RuleInfo R;
  R.Id = Id;
  R.Pass = Pass;
  R.Category = Category;
  R.DefaultSeverity = S;
  R.Summary = "Summary of " + Id + ".";
  R.Description = "Why " + Id + " matters, with numbers.";
  R.HelpUri = "docs/rules/" + Id + ".md";
  return R;
}

/// Two source rules and two artifact rules, like a small default rule set.
inline rules::RuleSet ruleSet() {
  rules::RuleSet RS;
  for (auto R : {ruleInfo("coldstart-client-in-handler", "source", "client", Severity::Warning),
                 ruleInfo("coldstart-sdk-init-in-handler", "source", "sdk-init", Severity::Error),
                 ruleInfo("coldstart-package-size", "artifact", "package", Severity::Error),
                 ruleInfo("coldstart-unstripped-binary", "artifact", "binary", Severity::Note)})
    RS.Rules[R.Id] = R;
  RS.Origins = {"<builtin>", "/repo/.coldstart.yaml"};
  return RS;
}

inline Location loc(const std::string &File, unsigned Line, unsigned Col, unsigned EndLine = 0,
                    unsigned EndCol = 0) {
  Location L;
  L.File = File;
  L.Line = Line;
  L.Column = Col;
  L.EndLine = EndLine;
  L.EndColumn = EndCol;
  return L;
}

/// An S3 client built in a helper the handler calls: one finding with a two-step trace.
inline Finding clientFinding(unsigned LineShift = 0) {
  Finding F;
  F.Rule = "coldstart-client-in-handler";
  F.Level = Severity::Warning;
  F.Where = loc("src/handler.cpp", 42 + LineShift, 23, 42 + LineShift, 48);
  F.Message = "AWS SDK client 'Aws::S3::S3Client' is constructed on every invocation";
  F.Category = "client";
  F.Handler = "my_handler";
  F.Trace = {{loc("src/handler.cpp", 70 + LineShift, 10), "handler 'my_handler' calls 'upload'"},
             {loc("src/handler.cpp", 40 + LineShift, 1), "'upload' constructs the client"}};
  F.FixHint = "construct the client once in main() before run_handler and reuse it";
  F.FingerprintKey = "upload|Aws::S3::S3Client";
  return F;
}

inline Finding sdkInitFinding() {
  Finding F;
  F.Rule = "coldstart-sdk-init-in-handler";
  F.Level = Severity::Error;
  F.Where = loc("src/handler.cpp", 12, 5, 12, 30);
  F.Message = "'Aws::InitAPI' runs on every invocation";
  F.Category = "sdk-init";
  F.Handler = "my_handler";
  F.FixHint = "call Aws::InitAPI once in main()";
  F.FingerprintKey = "my_handler|Aws::InitAPI";
  return F;
}

inline Finding packageFinding() {
  Finding F;
  F.Rule = "coldstart-package-size";
  F.Level = Severity::Error;
  F.Where.File = "function.zip";
  F.Message = "package is 61.0 MB zipped; direct upload allows 50 MB";
  F.Category = "package";
  F.FixHint = "strip binaries or move dependencies to a layer";
  F.FingerprintKey = "zipped-size";
  return F;
}

using coldstart::test::parseJson;

} // namespace coldstart::report::test
