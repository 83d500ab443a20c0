#include "ArchiveWriter.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

namespace coldstart::test {

namespace {

constexpr unsigned FileTypeBits = 0170000;
constexpr unsigned RegularFile = 0100000;
constexpr unsigned SymbolicLink = 0120000;

void writeEntries(struct archive *Writer, const std::string &Path,
                  const std::vector<ZipEntry> &Entries) {
  ASSERT_EQ(archive_write_open_filename(Writer, Path.c_str()), ARCHIVE_OK)
      << Path << ": " << archive_error_string(Writer);
  for (const ZipEntry &E : Entries) {
    struct archive_entry *Header = archive_entry_new();
    archive_entry_set_pathname(Header, E.Name.c_str());
    archive_entry_set_mode(Header, E.Mode);
    bool HasData = (E.Mode & FileTypeBits) == RegularFile;
    if ((E.Mode & FileTypeBits) == SymbolicLink)
      archive_entry_set_symlink(Header, E.Bytes.c_str());
    archive_entry_set_size(Header, HasData ? la_int64_t(E.Bytes.size()) : 0);
    int Status = archive_write_header(Writer, Header);
    archive_entry_free(Header);
    ASSERT_EQ(Status, ARCHIVE_OK) << E.Name << ": " << archive_error_string(Writer);
    if (HasData && !E.Bytes.empty()) {
      ASSERT_EQ(archive_write_data(Writer, E.Bytes.data(), E.Bytes.size()),
                la_ssize_t(E.Bytes.size()))
          << E.Name << ": " << archive_error_string(Writer);
    }
  }
  ASSERT_EQ(archive_write_close(Writer), ARCHIVE_OK) << archive_error_string(Writer);
}

} // namespace

ZipEntry zipFile(std::string Name, std::string Bytes, unsigned Mode) {
  return {std::move(Name), std::move(Bytes), Mode};
}

ZipEntry zipSymlink(std::string Name, std::string Target) {
  return {std::move(Name), std::move(Target), SymbolicLink | 0777};
}

void writeZip(const std::string &Path, const std::vector<ZipEntry> &Entries, bool Store) {
  struct archive *Writer = archive_write_new();
  archive_write_set_format_zip(Writer);
  if (Store)
    archive_write_set_options(Writer, "zip:compression=store");
  writeEntries(Writer, Path, Entries);
  archive_write_free(Writer);
}

void writeEncryptedZip(const std::string &Path, const std::vector<ZipEntry> &Entries,
                       const std::string &Passphrase) {
  struct archive *Writer = archive_write_new();
  archive_write_set_format_zip(Writer);
  EXPECT_EQ(archive_write_set_options(Writer, "zip:encryption=zipcrypt"), ARCHIVE_OK)
      << archive_error_string(Writer);
  EXPECT_EQ(archive_write_set_passphrase(Writer, Passphrase.c_str()), ARCHIVE_OK)
      << archive_error_string(Writer);
  writeEntries(Writer, Path, Entries);
  archive_write_free(Writer);
}

} // namespace coldstart::test
