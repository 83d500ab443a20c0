// Symbol version tags as real libraries spell them: the family and the version number, whether
// the number is written with dots (glibc, OpenSSL 3, libxml2) or with underscores (GnuTLS,
// OpenSSL 1.1), and the tags that carry no number.
#include "TestSupport.h"
#include "Versions.h"

#include "coldstart/inspect/ElfInspector.h"

#include <gtest/gtest.h>

using namespace coldstart;
using namespace coldstart::inspect;

namespace {

/// "FAMILY VERSION" as the report prints a tag, or "none".
std::string parsed(const std::string &Tag) {
  std::optional<VersionTag> V = parseVersionTag(Tag);
  return V ? V->Family + " " + V->text() : "none";
}

} // namespace

TEST(VersionTag, DottedVersionsFollowTheLastUnderscore) {
  EXPECT_EQ(parsed("GLIBC_2.34"), "GLIBC 2.34");
  EXPECT_EQ(parsed("GLIBC_2.2.5"), "GLIBC 2.2.5");
  EXPECT_EQ(parsed("GLIBCXX_3.4.30"), "GLIBCXX 3.4.30");
  EXPECT_EQ(parsed("CXXABI_1.3.13"), "CXXABI 1.3.13");
  EXPECT_EQ(parsed("OPENSSL_3.0.0"), "OPENSSL 3.0.0");
  EXPECT_EQ(parsed("ZLIB_1.2.9"), "ZLIB 1.2.9");
  EXPECT_EQ(parsed("IDN2_0.0.0"), "IDN2 0.0.0");
  // A family that ends in a digit keeps it.
  EXPECT_EQ(parsed("LIBXML2_2.4.30"), "LIBXML2 2.4.30");
  EXPECT_EQ(parsed("NCURSES6_TINFO_5.0.19991023"), "NCURSES6_TINFO 5.0.19991023");
  // Digits between underscores before a dotted version belong to the name.
  EXPECT_EQ(parsed("LIBFOO_2_1.0"), "LIBFOO_2 1.0");
}

TEST(VersionTag, UnderscoreVersionsTakeEveryTrailingNumber) {
  // GnuTLS writes its release with underscores: GNUTLS_3_4 is GnuTLS 3.4, not "GNUTLS_3" 4.
  EXPECT_EQ(parsed("GNUTLS_3_4"), "GNUTLS 3.4");
  EXPECT_EQ(parsed("GNUTLS_3_6_0"), "GNUTLS 3.6.0");
  EXPECT_EQ(parsed("GNUTLS_FIPS140_3_4"), "GNUTLS_FIPS140 3.4");
  EXPECT_EQ(parsed("OPENSSL_1_1_0"), "OPENSSL 1.1.0");
  // One number: a library's ABI node (curl's, nettle's).
  EXPECT_EQ(parsed("CURL_OPENSSL_4"), "CURL_OPENSSL 4");
  EXPECT_EQ(parsed("CURL_GNUTLS_3"), "CURL_GNUTLS 3");
  EXPECT_EQ(parsed("NETTLE_8"), "NETTLE 8");
  // They order as versions of one family.
  auto A = parseVersionTag("GNUTLS_3_4"), B = parseVersionTag("GNUTLS_3_6_0");
  ASSERT_TRUE(A && B);
  EXPECT_EQ(A->Family, B->Family);
  EXPECT_LT(compareVersions(A->Numbers, B->Numbers), 0);
}

TEST(VersionTag, TagsWithoutANumberAreNotVersions) {
  for (const char *Tag :
       {"GLIBC_PRIVATE", "Base", "GLIBC_ABI_DT_RELR", "gssapi_krb5_2_MIT", "OPENSSL_1_1_1d",
        "CXXABI_FLOAT128", "GLIBC_", "_2.34", "2.34", "A_1.", "A_1_", "A_1..2", "BAD-NAME_1.0", ""})
    EXPECT_EQ(parsed(Tag), "none") << Tag;
}

TEST(VersionTag, RealLibrariesNeedingUnderscoreTagsReportTheirFamilies) {
  // libcurl-gnutls needs GNUTLS_3_4 from libgnutls.so.30 and NETTLE_8 from libnettle.so.8.
  std::string Path = "/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4";
  if (!test::exists(Path))
    GTEST_SKIP() << Path << " is not on this machine";
  auto B = inspectElfFile(Path);
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  bool NeedsGnutls34 = false;
  for (const auto &Need : B->Dynamic.VersionNeeds)
    for (const auto &V : Need.Versions)
      NeedsGnutls34 |= V == "GNUTLS_3_4";
  if (!NeedsGnutls34)
    GTEST_SKIP() << "this build of libcurl-gnutls does not need GNUTLS_3_4";
  EXPECT_EQ(B->Dynamic.MaxVersions.count("GNUTLS_3"), 0u);
  ASSERT_EQ(B->Dynamic.MaxVersions.count("GNUTLS"), 1u);
  // The highest GNUTLS version it needs is at least 3.4.
  auto Highest = parseVersionNumbers(B->Dynamic.MaxVersions.at("GNUTLS"));
  ASSERT_TRUE(Highest);
  EXPECT_GE(compareVersions(*Highest, {3, 4}), 0);
}
