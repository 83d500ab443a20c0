# Writes OUTPUT: a header defining COLDSTART_SUMMARY_PRODUCER, a hash of the sources that make
# summaries (SOURCES, a ;-separated list). An index entry made by other code is not trusted, and
# the version number alone does not change between builds of a working tree.
set(Digests "")
foreach(Source IN LISTS SOURCES)
  file(SHA256 "${Source}" Digest)
  string(APPEND Digests "${Digest}\n")
endforeach()
string(SHA256 Producer "${Digests}")
string(SUBSTRING "${Producer}" 0 24 Producer)
set(Text "#define COLDSTART_SUMMARY_PRODUCER \"${Producer}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" Old)
endif()
# Rewritten only when it changes, so an unchanged tree does not rebuild what includes it.
if(NOT Old STREQUAL Text)
  file(WRITE "${OUTPUT}" "${Text}")
endif()
