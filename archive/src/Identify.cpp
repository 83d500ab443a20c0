// Saying what an archive that is not a zip is, so a command given a tarball (or a 7-Zip or RAR
// file) can name it instead of calling it something it is not.
#include "coldstart/archive/Archive.h"

#include <archive.h>

#include <memory>

namespace coldstart::archive {

namespace {

using Handle = std::unique_ptr<struct ::archive, int (*)(struct ::archive *)>;

Handle openWith(const std::string &Path, bool Raw) {
  Handle A(archive_read_new(), archive_read_free);
  if (!A)
    return A;
  archive_read_support_filter_all(A.get());
  if (Raw) {
    archive_read_support_format_raw(A.get());
  } else {
    // The archive formats people package files with; not zip (the caller's own format), and
    // none of libarchive's text formats (mtree), whose bidders could claim a plain text file.
    archive_read_support_format_tar(A.get());
    archive_read_support_format_gnutar(A.get());
    archive_read_support_format_cpio(A.get());
    archive_read_support_format_7zip(A.get());
    archive_read_support_format_rar(A.get());
    archive_read_support_format_rar5(A.get());
    archive_read_support_format_ar(A.get());
  }
  if (archive_read_open_filename(A.get(), Path.c_str(), 1 << 16) != ARCHIVE_OK)
    return Handle(nullptr, archive_read_free);
  return A;
}

/// The outermost compression of an opened archive ("gzip", "xz", ...), or empty for none.
std::string compression(struct ::archive *A) {
  for (int I = 0, N = archive_filter_count(A); I < N; ++I)
    if (archive_filter_code(A, I) != ARCHIVE_FILTER_NONE)
      if (const char *Name = archive_filter_name(A, I))
        return Name;
  return "";
}

} // namespace

std::optional<std::string> describeNonZipArchive(const std::string &Path) {
  if (Handle A = openWith(Path, /*Raw=*/false)) {
    // The format is known once the first header is read (or the end of an empty tar is).
    struct archive_entry *Header = nullptr;
    (void)archive_read_next_header(A.get(), &Header);
    const char *Kind = nullptr;
    switch (archive_format(A.get()) & ARCHIVE_FORMAT_BASE_MASK) {
    case ARCHIVE_FORMAT_TAR:
      Kind = "a tar archive";
      break;
    case ARCHIVE_FORMAT_CPIO:
      Kind = "a cpio archive";
      break;
    case ARCHIVE_FORMAT_7ZIP:
      Kind = "a 7-Zip archive";
      break;
    case ARCHIVE_FORMAT_RAR:
    case ARCHIVE_FORMAT_RAR_V5:
      Kind = "a RAR archive";
      break;
    case ARCHIVE_FORMAT_AR:
      Kind = "an ar archive";
      break;
    default:
      break;
    }
    if (Kind) {
      std::string Compression = compression(A.get());
      return Compression.empty() ? std::string(Kind) : Kind + (" compressed with " + Compression);
    }
  }
  // A compressed file that holds no archive (a lone .gz): the filter alone says what it is.
  if (Handle A = openWith(Path, /*Raw=*/true)) {
    struct archive_entry *Header = nullptr;
    if (archive_read_next_header(A.get(), &Header) == ARCHIVE_OK) {
      std::string Compression = compression(A.get());
      if (!Compression.empty())
        return "a file compressed with " + Compression;
    }
  }
  return std::nullopt;
}

} // namespace coldstart::archive
