// A file carried inside the binary (the bundled rule set, the rule documentation), written by
// cmake/EmbedFiles.cmake at build time.
#pragma once

namespace coldstart {

struct EmbeddedFile {
  const char *Name; // file name without folders, e.g. "default.yaml"
  const char *Text;
  unsigned long Size;
};

} // namespace coldstart
