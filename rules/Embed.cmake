# Writes OUTPUT, a C++ file defining the text of INPUT as a string. The text is split into
# chunks so no single literal exceeds compiler limits.
file(READ ${INPUT} content)
string(LENGTH "${content}" len)
set(body "")
set(pos 0)
while(pos LESS len)
  string(SUBSTRING "${content}" ${pos} 4000 chunk)
  string(APPEND body "R\"coldstart_yaml(${chunk})coldstart_yaml\"\n")
  math(EXPR pos "${pos} + 4000")
endwhile()
file(WRITE ${OUTPUT} "// Generated from rules/default.yaml by rules/Embed.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace coldstart::rules::detail {\n"
  "extern const char DefaultRuleSetText[];\n"
  "const char DefaultRuleSetText[] =\n${body};\n"
  "extern const unsigned long DefaultRuleSetSize;\n"
  "const unsigned long DefaultRuleSetSize = sizeof(DefaultRuleSetText) - 1;\n"
  "}\n")
