// The symbol-version tables: DT_VERNEED (the versions this object needs, per library) and
// DT_VERDEF (the versions it defines). Both are chains of records linked by byte offsets, read
// by one bounded walker.
#include "ElfReader.h"

namespace coldstart::inspect::elf {

namespace {

/// Keeps in Max the highest version of Name's family ("GLIBC_2.34" raises Max["GLIBC"]).
void raiseHighestVersion(std::map<std::string, std::string> &Max, StringRef Name) {
  std::optional<VersionTag> Tag = parseVersionTag(Name);
  if (!Tag)
    return;
  std::string &Highest = Max[Tag->Family];
  std::optional<std::vector<unsigned>> Current = parseVersionNumbers(Highest);
  if (!Current || compareVersions(Tag->Numbers, *Current) > 0)
    Highest = Tag->text();
}

/// Words of a version table, in the object's byte order; offsets are checked by the caller.
template <class ELFT> struct VersionTableReader {
  StringRef Table;
  uint16_t u16(uint64_t Offset) const {
    return support::endian::read<uint16_t, ELFT::Endianness, 1>(Table.data() + Offset);
  }
  uint32_t u32(uint64_t Offset) const {
    return support::endian::read<uint32_t, ELFT::Endianness, 1>(Table.data() + Offset);
  }
};

} // namespace

/// The bytes from the table a dynamic tag points to up to the end of its segment; nothing when
/// the object has no such table, and a note when the tag points outside the file.
template <class ELFT>
std::optional<StringRef> ElfReader<ELFT>::versionTable(uint64_t Tag, const char *Name) {
  std::optional<uint64_t> Addr = tag(Tag);
  if (!Addr)
    return std::nullopt;
  std::optional<StringRef> Bytes = vaddrTail(*Addr);
  if (!Bytes)
    note(Twine(Name) + " points outside the file");
  return Bytes;
}

template <class ELFT>
template <class VisitFn>
void ElfReader<ELFT>::walkVersionChain(StringRef Table, uint64_t Start, uint64_t Count,
                                       uint64_t RecordSize, uint64_t NextField, uint64_t &Budget,
                                       const char *What, VisitFn Visit) {
  uint64_t Offset = Start;
  for (uint64_t Index = 0; Index < Count; ++Index) {
    // Budget: no valid table has more records than fit in its bytes, so a loop of offsets
    // (a record whose next points back) ends.
    if (Offset > Table.size() || Table.size() - Offset < RecordSize || Budget-- == 0) {
      note(Twine(What) + " runs past its segment");
      return;
    }
    Visit(Offset);
    uint32_t Next = VersionTableReader<ELFT>{Table}.u32(Offset + NextField);
    if (Next == 0)
      return;
    Offset += Next;
  }
}

// DT_VERNEED: Elf_Verneed records (16 bytes: vn_cnt at 2, vn_file at 4, vn_aux at 8, vn_next
// at 12), each with vn_cnt Elf_Vernaux entries (16 bytes: vna_name at 8, vna_next at 12).
template <class ELFT> void ElfReader<ELFT>::readVersionNeeds() {
  std::optional<StringRef> Found = versionTable(ELF::DT_VERNEED, "DT_VERNEED");
  if (!Found)
    return;
  StringRef Table = *Found;
  VersionTableReader<ELFT> Read{Table};
  uint64_t Budget = Table.size() / 16 + 1;
  walkVersionChain(Table, 0, tag(ELF::DT_VERNEEDNUM).value_or(0), 16, 12, Budget,
                   "DT_VERNEED chain", [&](uint64_t Record) {
                     report::VersionNeed Need;
                     Need.Library = dynString(Read.u32(Record + 4), MaxVersionString).str();
                     walkVersionChain(
                         Table, Record + Read.u32(Record + 8), Read.u16(Record + 2), 16, 12, Budget,
                         "DT_VERNEED auxiliary chain", [&](uint64_t Aux) {
                           StringRef Name = dynString(Read.u32(Aux + 8), MaxVersionString);
                           Need.Versions.push_back(Name.str());
                           raiseHighestVersion(Out.Dynamic.MaxVersions, Name);
                         });
                     Out.Dynamic.VersionNeeds.push_back(std::move(Need));
                   });
}

// DT_VERDEF: the versions this object defines (libc.so.6 defines GLIBC_2.2.5 ... GLIBC_2.36).
// Records are Elf_Verdef (20 bytes: vd_flags at 2, vd_aux at 12, vd_next at 16) with
// Elf_Verdaux (8 bytes) chains; the first auxiliary entry names the version, the VER_FLG_BASE
// record names the object itself and is skipped.
template <class ELFT> void ElfReader<ELFT>::readVersionDefinitions() {
  std::optional<StringRef> Found = versionTable(ELF::DT_VERDEF, "DT_VERDEF");
  if (!Found)
    return;
  StringRef Table = *Found;
  VersionTableReader<ELFT> Read{Table};
  uint64_t Budget = Table.size() / 20 + 1;
  walkVersionChain(Table, 0, tag(ELF::DT_VERDEFNUM).value_or(0), 20, 16, Budget, "DT_VERDEF chain",
                   [&](uint64_t Record) {
                     uint64_t Aux = Record + Read.u32(Record + 12);
                     if ((Read.u16(Record + 2) & ELF::VER_FLG_BASE) || Aux > Table.size() ||
                         Table.size() - Aux < 8)
                       return;
                     StringRef Name = dynString(Read.u32(Aux), MaxVersionString);
                     Out.Dynamic.DefinedVersions.push_back(Name.str());
                     raiseHighestVersion(Out.Dynamic.MaxDefinedVersions, Name);
                   });
}

COLDSTART_ELF_READER_INSTANTIATE(readVersionNeeds)
COLDSTART_ELF_READER_INSTANTIATE(readVersionDefinitions)

} // namespace coldstart::inspect::elf
