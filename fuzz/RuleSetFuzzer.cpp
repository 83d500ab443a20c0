// Fuzz target: rule-set YAML (a user's .coldstart.yaml or --rules FILE) overlaid on the bundled
// default. Invariants: a failed merge leaves the rule set unchanged and names the file in every
// diagnostic; a successful one yields a rule set whose every rule id is one of RuleIds.h.
#include "FuzzSupport.h"

#include "coldstart/rules/Loader.h"

#include <algorithm>
#include <cstdint>

using namespace coldstart;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const rules::RuleSet &Default = rules::defaultRuleSet();
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  rules::RuleSet R = Default;
  std::vector<rules::Diagnostic> Errors;
  bool Ok = rules::mergeRuleSetText(R, Text, ".coldstart.yaml", Errors);
  COLDSTART_FUZZ_CHECK(Ok == Errors.empty(), "");
  for (const rules::Diagnostic &D : Errors) {
    COLDSTART_FUZZ_CHECK(D.File == ".coldstart.yaml", D.str());
    COLDSTART_FUZZ_CHECK(D.Line >= 0 && D.Column >= 0, D.str());
  }
  if (!Ok) {
    COLDSTART_FUZZ_CHECK(R.Origins == Default.Origins, "a failed merge changed the rule set");
    COLDSTART_FUZZ_CHECK(R.Values.size() == Default.Values.size(), "");
    return 0;
  }
  const auto &Known = rules::knownRuleIds();
  for (const auto &[Id, Info] : R.Rules)
    COLDSTART_FUZZ_CHECK(std::find(Known.begin(), Known.end(), Id) != Known.end(), Id);
  for (const auto &[Key, V] : R.Values)
    COLDSTART_FUZZ_CHECK(V.Value >= 0 && V.Value == V.Value, Key);
  // The lookups the passes make on every rule set.
  for (const std::string &Id : Known)
    (void)R.severityFor(Id), (void)R.isEnabled(Id);
  for (const auto &K : R.Source.Resources)
    for (const auto &P : K.Types)
      (void)P.matches("Aws::S3::S3Client");
  return 0;
}
