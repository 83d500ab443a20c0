// Fills report::BinaryReport from one ELF image. Every read goes through a bounds check against
// the image (llvm::object validates the header, program and section header tables; the helpers
// below check every other range), so a corrupt file yields an error or a note, never a crash.
// Work and memory are linear in the tables actually read; nothing is copied out of the mapping
// except the strings the report keeps.
#include "coldstart/inspect/ElfInspector.h"

#include "LiefModel.h"
#include "Versions.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/DebugInfo/DWARF/DWARFDebugLine.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Object/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/DataExtractor.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cassert>
#include <set>
#include <tuple>
#include <unordered_map>

namespace coldstart::inspect {

using namespace llvm;
using namespace llvm::object;
using report::BinaryReport;
using report::ByteKind;

namespace {

Error makeError(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

std::string toHex(uint64_t V) {
  std::string S;
  raw_string_ostream OS(S);
  OS << "0x";
  OS.write_hex(V);
  return S;
}

/// Relocation kinds as the loader sees them.
enum class RelocKind { Relative, Symbolic, JumpSlot, Tls, Copy, IRelative, None, Other };

RelocKind classifyRelocation(unsigned Machine, uint32_t Type) {
  switch (Machine) {
  case ELF::EM_X86_64:
    switch (Type) {
    case ELF::R_X86_64_NONE:
      return RelocKind::None;
    case ELF::R_X86_64_RELATIVE:
    case 38: // R_X86_64_RELATIVE64 (x32)
      return RelocKind::Relative;
    case ELF::R_X86_64_64:
    case ELF::R_X86_64_GLOB_DAT:
    case ELF::R_X86_64_32:
    case ELF::R_X86_64_32S:
    case ELF::R_X86_64_PC32:
    case ELF::R_X86_64_PC64:
      return RelocKind::Symbolic;
    case ELF::R_X86_64_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_X86_64_DTPMOD64:
    case ELF::R_X86_64_DTPOFF64:
    case ELF::R_X86_64_TPOFF64:
    case ELF::R_X86_64_TLSDESC:
      return RelocKind::Tls;
    case ELF::R_X86_64_COPY:
      return RelocKind::Copy;
    case ELF::R_X86_64_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  case ELF::EM_386:
    switch (Type) {
    case ELF::R_386_NONE:
      return RelocKind::None;
    case ELF::R_386_RELATIVE:
      return RelocKind::Relative;
    case ELF::R_386_32:
    case ELF::R_386_PC32:
    case ELF::R_386_GLOB_DAT:
      return RelocKind::Symbolic;
    case ELF::R_386_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_386_TLS_TPOFF:
    case ELF::R_386_TLS_DTPMOD32:
    case ELF::R_386_TLS_DTPOFF32:
    case ELF::R_386_TLS_TPOFF32:
    case ELF::R_386_TLS_DESC:
      return RelocKind::Tls;
    case ELF::R_386_COPY:
      return RelocKind::Copy;
    case ELF::R_386_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  case ELF::EM_AARCH64:
    switch (Type) {
    case ELF::R_AARCH64_NONE:
      return RelocKind::None;
    case ELF::R_AARCH64_RELATIVE:
      return RelocKind::Relative;
    case ELF::R_AARCH64_ABS64:
    case ELF::R_AARCH64_GLOB_DAT:
      return RelocKind::Symbolic;
    case ELF::R_AARCH64_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_AARCH64_TLS_DTPMOD64:
    case ELF::R_AARCH64_TLS_DTPREL64:
    case ELF::R_AARCH64_TLS_TPREL64:
    case ELF::R_AARCH64_TLSDESC:
      return RelocKind::Tls;
    case ELF::R_AARCH64_COPY:
      return RelocKind::Copy;
    case ELF::R_AARCH64_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  case ELF::EM_ARM:
    switch (Type) {
    case ELF::R_ARM_NONE:
      return RelocKind::None;
    case ELF::R_ARM_RELATIVE:
      return RelocKind::Relative;
    case ELF::R_ARM_ABS32:
    case ELF::R_ARM_GLOB_DAT:
      return RelocKind::Symbolic;
    case ELF::R_ARM_JUMP_SLOT:
      return RelocKind::JumpSlot;
    case ELF::R_ARM_TLS_DTPMOD32:
    case ELF::R_ARM_TLS_DTPOFF32:
    case ELF::R_ARM_TLS_TPOFF32:
    case ELF::R_ARM_TLS_DESC:
      return RelocKind::Tls;
    case ELF::R_ARM_COPY:
      return RelocKind::Copy;
    case ELF::R_ARM_IRELATIVE:
      return RelocKind::IRelative;
    default:
      return RelocKind::Other;
    }
  default:
    return RelocKind::Other;
  }
}

/// Functions the toolchain's start files (crtbegin, crti) or libgcc put in the init tables.
bool isToolchainInitName(StringRef Name) {
  static const char *const Names[] = {
      "frame_dummy",         "__do_global_ctors_aux", "__do_global_dtors_aux",
      "register_tm_clones",  "deregister_tm_clones",  "_init",
      "__libc_csu_init",     "init_have_lse_atomics", "__libc_init_first",
      "__init_cpu_features", "__cpu_indicator_init",  "__aarch64_cpu_features_init"};
  for (const char *N : Names)
    if (Name == N)
      return true;
  return false;
}

/// "_GLOBAL__sub_I_65535_0__Z3foov" -> "_GLOBAL__sub_I_65535_0_foo()"; other names demangled.
std::string readableName(StringRef Symbol) {
  static const StringRef Prefixes[] = {"_GLOBAL__sub_I_", "_GLOBAL__I_"};
  for (StringRef Prefix : Prefixes) {
    if (!Symbol.starts_with(Prefix))
      continue;
    StringRef Rest = Symbol.drop_front(Prefix.size());
    std::string Head = Prefix.str();
    // GCC's prioritized form: <priority>_<n>_<name>.
    size_t Digits = Rest.find_first_not_of("0123456789");
    if (Digits != 0 && Digits != StringRef::npos && Rest.drop_front(Digits).starts_with("_")) {
      StringRef AfterPrio = Rest.drop_front(Digits + 1);
      size_t D2 = AfterPrio.find_first_not_of("0123456789");
      if (D2 != 0 && D2 != StringRef::npos && AfterPrio.drop_front(D2).starts_with("_")) {
        Head += Rest.take_front(Digits + 1 + D2 + 1).str();
        Rest = AfterPrio.drop_front(D2 + 1);
      }
    }
    if (Rest.starts_with("_Z"))
      return Head + demangle(Rest);
    return Head + Rest.str();
  }
  return demangle(Symbol);
}

/// Whether every line-table header in .debug_line uses only the forms LLVM's prologue parser
/// reads safely without a compile unit (strings, string offsets, constants, blocks). LLVM 19
/// dereferences the (absent) unit for the others, so a hostile file could crash it.
bool lineTablesAreSafe(StringRef Section, bool LittleEndian) {
  DataExtractor D(Section, LittleEndian, 8);
  uint64_t Off = 0;
  unsigned Tables = 0;
  while (Off < Section.size()) {
    if (++Tables > 100000)
      return false;
    DataExtractor::Cursor C(Off);
    uint64_t Length = D.getU32(C);
    unsigned OffsetSize = 4;
    if (Length == 0xffffffff)
      Length = D.getU64(C), OffsetSize = 8;
    else if (Length >= 0xfffffff0)
      return consumeError(C.takeError()), false;
    uint64_t Start = C.tell();
    if (!C || Length > Section.size() - Start)
      return consumeError(C.takeError()), false;
    uint64_t End = Start + Length;
    uint16_t Version = D.getU16(C);
    if (!C || Version < 2 || Version > 5)
      return consumeError(C.takeError()), false;
    if (Version >= 5) {
      D.getU8(C); // address size
      D.getU8(C); // segment selector size
      uint64_t HeaderLength = OffsetSize == 8 ? D.getU64(C) : D.getU32(C);
      (void)HeaderLength;
      D.getU8(C); // minimum_instruction_length
      D.getU8(C); // maximum_operations_per_instruction
      D.getU8(C); // default_is_stmt
      D.getU8(C); // line_base
      D.getU8(C); // line_range
      uint8_t OpcodeBase = D.getU8(C);
      for (unsigned I = 1; I < OpcodeBase; ++I)
        D.getU8(C);
      for (int Table = 0; Table < 2 && C; ++Table) { // directories, then files
        uint8_t FormatCount = D.getU8(C);
        std::vector<uint64_t> Forms;
        for (unsigned I = 0; I < FormatCount && C; ++I) {
          D.getULEB128(C); // content type
          uint64_t Form = D.getULEB128(C);
          switch (Form) {
          case dwarf::DW_FORM_string:
          case dwarf::DW_FORM_line_strp:
          case dwarf::DW_FORM_strp:
          case dwarf::DW_FORM_udata:
          case dwarf::DW_FORM_data1:
          case dwarf::DW_FORM_data2:
          case dwarf::DW_FORM_data4:
          case dwarf::DW_FORM_data8:
          case dwarf::DW_FORM_data16:
          case dwarf::DW_FORM_block:
            Forms.push_back(Form);
            break;
          default:
            return consumeError(C.takeError()), false;
          }
        }
        uint64_t Count = D.getULEB128(C);
        if (!C || Count > End - std::min(End, C.tell()))
          return consumeError(C.takeError()), false;
        // Skip the entries with the same forms, so the file table's formats can be checked.
        for (uint64_t E = 0; E < Count && C; ++E)
          for (uint64_t Form : Forms) {
            switch (Form) {
            case dwarf::DW_FORM_string:
              D.getCStrRef(C);
              break;
            case dwarf::DW_FORM_line_strp:
            case dwarf::DW_FORM_strp:
              D.skip(C, OffsetSize);
              break;
            case dwarf::DW_FORM_udata:
              D.getULEB128(C);
              break;
            case dwarf::DW_FORM_data1:
              D.skip(C, 1);
              break;
            case dwarf::DW_FORM_data2:
              D.skip(C, 2);
              break;
            case dwarf::DW_FORM_data4:
              D.skip(C, 4);
              break;
            case dwarf::DW_FORM_data8:
              D.skip(C, 8);
              break;
            case dwarf::DW_FORM_data16:
              D.skip(C, 16);
              break;
            case dwarf::DW_FORM_block:
              D.skip(C, D.getULEB128(C));
              break;
            default: // only the forms accepted above reach here
              break;
            }
          }
      }
    }
    if (!C)
      return consumeError(C.takeError()), false;
    Off = End;
  }
  return true;
}

template <class ELFT> class ElfReader {
  using Elf_Shdr = typename ELFT::Shdr;
  using Elf_Phdr = typename ELFT::Phdr;
  using Elf_Dyn = typename ELFT::Dyn;
  using Elf_Sym = typename ELFT::Sym;
  using Elf_Rel = typename ELFT::Rel;
  using Elf_Rela = typename ELFT::Rela;
  using Elf_Relr = typename ELFT::Relr;
  using UInt = typename ELFT::uint;
  static constexpr unsigned WordSize = ELFT::Is64Bits ? 8 : 4;

public:
  ElfReader(const ELFFile<ELFT> &Obj, MemoryBufferRef Buffer, const InspectOptions &Options,
            BinaryReport &Out)
      : Obj(Obj), Buffer(Buffer), Data(Buffer.getBuffer()), Options(Options), Out(Out) {}

  Error run();
  /// Header and dynamic section only (for dependency resolution).
  Error runDynamicOnly() {
    if (Error E = readTables())
      return E;
    readIdentity();
    readDynamic();
    return Error::success();
  }

private:
  const ELFFile<ELFT> &Obj;
  MemoryBufferRef Buffer;
  StringRef Data;
  const InspectOptions &Options;
  BinaryReport &Out;

  unsigned Machine = 0;
  ArrayRef<Elf_Phdr> Phdrs;
  ArrayRef<Elf_Shdr> Sections;
  std::vector<StringRef> SectionNames;
  std::vector<lief::SectionFacts> SectionKinds;
  ArrayRef<Elf_Dyn> Dyn;
  StringRef DynStr;
  std::unordered_map<uint64_t, uint64_t> DynTags; // first value of each tag
  bool HasDynamic = false;
  bool IsRela = true; // style of the dynamic relocation tables

  const Elf_Shdr *DynSymSec = nullptr;
  ArrayRef<Elf_Sym> DynSyms;
  StringRef DynSymStr;
  const Elf_Shdr *SymTabSec = nullptr;

  // What relocations do to init-table slots: slot address -> (target, how).
  struct SlotFix {
    uint64_t Target = 0;
    std::string How;
    bool Known = true;
  };
  // [begin, end) of the init tables, sorted and merged so a lookup is a binary search (a
  // hostile file may declare tens of thousands of overlapping tables).
  std::vector<std::pair<uint64_t, uint64_t>> SlotRanges;
  std::unordered_map<uint64_t, SlotFix> SlotFixes;

  void note(const Twine &T) { Out.Notes.push_back(T.str()); }

  /// The alignment llvm::object's note iterator walks a note table with (it accepts 0, 1, 4
  /// and 8 and uses at least 4); Elf_Note::getDesc needs the same, and asserts on 0 (found by
  /// the ELF fuzz target).
  static uint64_t noteAlign(uint64_t Align) { return std::max<uint64_t>(Align, 4); }

  bool inSlots(uint64_t Addr) const {
    auto It = std::upper_bound(SlotRanges.begin(), SlotRanges.end(), Addr,
                               [](uint64_t A, const auto &R) { return A < R.first; });
    return It != SlotRanges.begin() && Addr < std::prev(It)->second;
  }

  /// Bytes [Off, Off+Size) of the file, or nullopt when they are not all inside it.
  std::optional<StringRef> fileBytes(uint64_t Off, uint64_t Size) const {
    if (Off > Data.size() || Size > Data.size() - Off)
      return std::nullopt;
    return Data.substr(Off, Size);
  }

  /// File bytes backing [Addr, Addr+Size) of the address space, per the PT_LOAD segments.
  std::optional<StringRef> vaddrBytes(uint64_t Addr, uint64_t Size) const {
    for (const Elf_Phdr &P : Phdrs) {
      if (P.p_type != ELF::PT_LOAD)
        continue;
      uint64_t VA = P.p_vaddr, FS = P.p_filesz;
      if (Addr < VA || Addr - VA >= FS || Size > FS - (Addr - VA))
        continue;
      return fileBytes(uint64_t(P.p_offset) + (Addr - VA), Size);
    }
    return std::nullopt;
  }

  /// All file bytes from Addr to the end of its segment's file image.
  std::optional<StringRef> vaddrTail(uint64_t Addr) const {
    for (const Elf_Phdr &P : Phdrs) {
      if (P.p_type != ELF::PT_LOAD)
        continue;
      uint64_t VA = P.p_vaddr, FS = P.p_filesz;
      if (Addr < VA || Addr - VA >= FS)
        continue;
      return fileBytes(uint64_t(P.p_offset) + (Addr - VA), FS - (Addr - VA));
    }
    return std::nullopt;
  }

  std::optional<StringRef> sectionBytes(const Elf_Shdr &S) const {
    if (S.sh_type == ELF::SHT_NOBITS)
      return StringRef();
    return fileBytes(S.sh_offset, S.sh_size);
  }

  /// The NUL-terminated string at Off, looked for in at most MaxLen bytes (so reading many
  /// entries that point into one huge unterminated string stays linear).
  static StringRef cString(StringRef Table, uint64_t Off, size_t MaxLen) {
    if (Off >= Table.size())
      return StringRef();
    StringRef S = Table.drop_front(Off).take_front(MaxLen);
    return S.take_until([](char C) { return C == '\0'; });
  }
  static constexpr size_t MaxSectionName = 4096;
  static constexpr size_t MaxSymbolName = 16384; // long mangled C++ names fit

  /// A string of the dynamic string table, at most MaxLen bytes: no library name, path list or
  /// version is longer than PATH_MAX, and copies of longer ones (a hostile file can point
  /// thousands of entries at one huge string) would multiply the file's size.
  StringRef dynString(uint64_t Off, size_t MaxLen = MaxDynamicString) const {
    StringRef S = cString(DynStr, Off, MaxLen + 1);
    if (S.size() > MaxLen) {
      TruncatedStrings = true;
      return S.take_front(MaxLen);
    }
    return S;
  }
  static constexpr size_t MaxDynamicString = 4096;   // PATH_MAX
  static constexpr size_t MaxVersionString = 256;    // NAME_MAX + 1: sonames and version tags
  static constexpr size_t MaxNeeded = 4096;          // as many as dependency resolution follows
  static constexpr size_t MaxInitFunctions = 16384;  // entries kept from the init tables
  static constexpr size_t MaxNeededBytes = 64 << 10; // of DT_NEEDED names (real ones: ~3 KiB)
  mutable bool TruncatedStrings = false;

  UInt readWord(const char *P) const { return support::endian::read<UInt, ELFT::Endianness, 1>(P); }
  /// The word at the start of Bytes, which holds at least one (vaddrBytes checked it).
  UInt readWord(StringRef Bytes) const {
    assert(Bytes.size() >= sizeof(UInt));
    return readWord(Bytes.begin());
  }

  std::optional<uint64_t> tag(uint64_t T) const {
    auto It = DynTags.find(T);
    if (It == DynTags.end())
      return std::nullopt;
    return It->second;
  }

  lief::HeaderFields headerFields() const {
    const auto &H = Obj.getHeader();
    lief::HeaderFields F;
    F.Type = H.e_type;
    F.Machine = H.e_machine;
    F.Class = H.e_ident[ELF::EI_CLASS];
    F.Data = H.e_ident[ELF::EI_DATA];
    return F;
  }

  const Elf_Shdr *sectionNamed(StringRef Name) const {
    for (size_t I = 0; I < Sections.size(); ++I)
      if (SectionNames[I] == Name)
        return &Sections[I];
    return nullptr;
  }

  Error readTables();
  void readIdentity();
  void readDynamic();
  void readSymbols();
  void readVersionNeeds();
  void readVersionDefinitions();
  std::optional<uint64_t> dynSymCountFromHash() const;
  void readRelocations();
  void attributeSizes();
  void readInitializers();
  void readStack();
  template <class RelT> void countRelocationTable(StringRef Bytes, bool Rela, uint64_t &Counted);
  void countRelr(StringRef Bytes);
  void recordSlot(uint64_t Offset, uint64_t Target, std::string How);
  std::optional<std::vector<uint64_t>> fdeStarts();
};

template <class ELFT> Error ElfReader<ELFT>::readTables() {
  const auto &H = Obj.getHeader();
  if (H.e_phnum != 0 && H.e_phentsize != sizeof(Elf_Phdr))
    return makeError("e_phentsize is " + Twine(H.e_phentsize) + ", expected " +
                     Twine(sizeof(Elf_Phdr)));
  auto PhdrsOrErr = Obj.program_headers();
  if (!PhdrsOrErr)
    return makeError("program header table: " + toString(PhdrsOrErr.takeError()));
  Phdrs = *PhdrsOrErr;
  auto SectionsOrErr = Obj.sections();
  if (!SectionsOrErr)
    return makeError("section header table: " + toString(SectionsOrErr.takeError()));
  Sections = *SectionsOrErr;
  StringRef ShStrTab;
  if (!Sections.empty()) {
    auto Table = Obj.getSectionStringTable(Sections);
    if (Table)
      ShStrTab = *Table;
    else
      note("section names unavailable: " + toString(Table.takeError()));
  }
  SectionNames.reserve(Sections.size());
  SectionKinds.reserve(Sections.size());
  for (const Elf_Shdr &S : Sections) {
    SectionNames.push_back(cString(ShStrTab, S.sh_name, MaxSectionName));
    lief::SectionFields F;
    F.Type = S.sh_type;
    F.Flags = S.sh_flags;
    F.Addr = S.sh_addr;
    F.Offset = S.sh_offset;
    F.Size = S.sh_size;
    SectionKinds.push_back(lief::sectionFacts(F));
  }
  return Error::success();
}

template <class ELFT> void ElfReader<ELFT>::readIdentity() {
  const auto &H = Obj.getHeader();
  Machine = H.e_machine;
  lief::HeaderFields HF = headerFields();
  Out.Arch = archName(Machine);
  Out.ClassBits = ELFT::Is64Bits ? 64 : 32;
  Out.BigEndian = ELFT::Endianness == llvm::endianness::big;
  Out.Bytes = Data.size();

  for (const Elf_Phdr &P : Phdrs) {
    if (P.p_type == ELF::PT_INTERP) {
      if (auto B = fileBytes(P.p_offset, P.p_filesz))
        Out.Interpreter = B->take_until([](char C) { return C == '\0'; }).str();
      else
        note("PT_INTERP points past the end of the file");
    } else if (P.p_type == ELF::PT_TLS) {
      Out.TlsBytes = P.p_memsz;
    } else if (P.p_type == ELF::PT_DYNAMIC) {
      HasDynamic = true;
    } else if (P.p_type == ELF::PT_NOTE && Out.BuildId.empty()) {
      if (!fileBytes(P.p_offset, P.p_filesz))
        continue;
      Error Err = Error::success();
      for (const auto &N : Obj.notes(P, Err)) {
        if (N.getName() == "GNU" && N.getType() == ELF::NT_GNU_BUILD_ID) {
          for (uint8_t B : N.getDesc(noteAlign(P.p_align)))
            Out.BuildId += "0123456789abcdef"[B >> 4], Out.BuildId += "0123456789abcdef"[B & 15];
        }
      }
      if (Err)
        note("malformed note segment: " + toString(std::move(Err)));
    }
  }
  if (Out.BuildId.empty())
    for (size_t I = 0; I < Sections.size(); ++I) {
      if (!SectionKinds[I].Note || !sectionBytes(Sections[I]))
        continue;
      Error Err = Error::success();
      for (const auto &N : Obj.notes(Sections[I], Err))
        if (N.getName() == "GNU" && N.getType() == ELF::NT_GNU_BUILD_ID)
          for (uint8_t B : N.getDesc(noteAlign(Sections[I].sh_addralign)))
            Out.BuildId += "0123456789abcdef"[B >> 4], Out.BuildId += "0123456789abcdef"[B & 15];
      if (Err)
        consumeError(std::move(Err));
    }

  Out.Stripped = true;
  for (size_t I = 0; I < Sections.size(); ++I) {
    if (SectionKinds[I].SymTab) {
      Out.Stripped = false;
      SymTabSec = &Sections[I];
    }
    if (SectionNames[I] == ".debug_info" || SectionNames[I] == ".zdebug_info" ||
        SectionNames[I] == ".debug_line")
      Out.HasDebugInfo = true;
  }
  Out.StaticallyLinked = !HasDynamic && H.e_type == ELF::ET_EXEC;

  switch (lief::fileKind(HF)) {
  case lief::FileKind::Relocatable:
    Out.Type = "relocatable";
    break;
  case lief::FileKind::Executable:
    Out.Type = "executable";
    break;
  case lief::FileKind::Core:
    Out.Type = "core";
    break;
  case lief::FileKind::Dynamic:
    Out.Type = "shared-library"; // refined to "pie" once the dynamic section is read
    break;
  case lief::FileKind::Other:
    Out.Type = "unknown";
    break;
  }
}

template <class ELFT> void ElfReader<ELFT>::readDynamic() {
  if (!HasDynamic && llvm::none_of(SectionKinds, [](const auto &K) { return K.Dynamic; }))
    return;
  // The table as the loader finds it (PT_DYNAMIC), else the SHT_DYNAMIC section; read here
  // rather than with ELFFile::dynamicEntries(), which trusts p_offset + p_filesz not to wrap.
  std::optional<StringRef> Bytes;
  for (const Elf_Phdr &P : Phdrs)
    if (P.p_type == ELF::PT_DYNAMIC && !Bytes) {
      Bytes = fileBytes(P.p_offset, P.p_filesz);
      if (!Bytes)
        note("PT_DYNAMIC lies outside the file");
    }
  if (!Bytes)
    for (size_t I = 0; I < Sections.size() && !Bytes; ++I)
      if (SectionKinds[I].Dynamic)
        Bytes = sectionBytes(Sections[I]);
  if (!Bytes)
    return;
  if (reinterpret_cast<uintptr_t>(Bytes->data()) % alignof(Elf_Dyn)) {
    note("dynamic section is misaligned; not read");
    return;
  }
  HasDynamic = true;
  Dyn = ArrayRef<Elf_Dyn>(reinterpret_cast<const Elf_Dyn *>(Bytes->data()),
                          Bytes->size() / sizeof(Elf_Dyn));
  for (size_t I = 0; I < Dyn.size(); ++I) {
    if (Dyn[I].d_tag == ELF::DT_NULL) {
      Dyn = Dyn.take_front(I);
      break;
    }
    DynTags.try_emplace(Dyn[I].d_tag, Dyn[I].d_un.d_val);
  }
  // The dynamic string table: DT_STRTAB/DT_STRSZ as the loader reads it, else the section the
  // dynamic section links to.
  if (auto Addr = tag(ELF::DT_STRTAB)) {
    if (auto B = vaddrBytes(*Addr, tag(ELF::DT_STRSZ).value_or(0)))
      DynStr = *B;
    else if (auto T = vaddrTail(*Addr))
      DynStr = *T, note("DT_STRSZ runs past its segment; read the string table to its end");
  }
  if (DynStr.empty())
    for (size_t I = 0; I < Sections.size(); ++I)
      if (SectionKinds[I].Dynamic && Sections[I].sh_link < Sections.size())
        if (auto B = sectionBytes(Sections[Sections[I].sh_link]))
          DynStr = *B;
  if (DynStr.empty())
    note("dynamic string table not found: library names unavailable");

  auto &D = Out.Dynamic;
  uint64_t Flags = tag(ELF::DT_FLAGS).value_or(0), Flags1 = tag(ELF::DT_FLAGS_1).value_or(0);
  auto Split = [](StringRef S) {
    std::vector<std::string> Parts;
    SmallVector<StringRef, 4> Pieces;
    S.split(Pieces, ':', -1, /*KeepEmpty=*/false);
    for (StringRef P : Pieces)
      Parts.push_back(P.str());
    return Parts;
  };
  // glibc's loader keeps the last DT_RPATH and DT_RUNPATH of the table (get-dynamic-info.h
  // overwrites l_info[tag] entry by entry); so does this reader.
  std::optional<uint64_t> Rpath, Runpath;
  unsigned RpathTags = 0, RunpathTags = 0;
  uint64_t NeededTags = 0, NeededRepeats = 0, NeededOverBudget = 0, NeededBytes = 0;
  llvm::DenseSet<StringRef> NeededSeen;
  for (const Elf_Dyn &E : Dyn) {
    switch (E.d_tag) {
    case ELF::DT_NEEDED:
      if (++NeededTags <= MaxNeeded) {
        StringRef Name = dynString(E.d_un.d_val);
        // The loader maps each name once; a repeated entry adds nothing but report size.
        if (!NeededSeen.insert(Name).second) {
          ++NeededRepeats;
        } else if (NeededBytes + Name.size() > MaxNeededBytes) {
          ++NeededOverBudget;
        } else {
          NeededBytes += Name.size();
          D.Needed.push_back(Name.str());
        }
      }
      break;
    case ELF::DT_SONAME:
      Out.Soname = dynString(E.d_un.d_val).str();
      break;
    case ELF::DT_RPATH:
      Rpath = E.d_un.d_val, ++RpathTags;
      break;
    case ELF::DT_RUNPATH:
      Runpath = E.d_un.d_val, ++RunpathTags;
      break;
    case ELF::DT_TEXTREL:
      D.TextRelocations = true;
      break;
    }
  }
  if (Rpath)
    D.Rpath = Split(dynString(*Rpath));
  if (Runpath)
    D.Runpath = Split(dynString(*Runpath));
  if (RpathTags > 1 || RunpathTags > 1)
    note(Twine(RpathTags) + " DT_RPATH and " + Twine(RunpathTags) +
         " DT_RUNPATH entries: the loader uses the last of each, and so does this report");
  if (NeededRepeats)
    note(Twine(NeededRepeats) + " DT_NEEDED entries repeat an earlier name; each name is listed "
                                "once");
  if (NeededOverBudget)
    note(Twine(NeededOverBudget) + " DT_NEEDED names past the first " + Twine(MaxNeededBytes) +
         " bytes of names are not listed");
  if (NeededTags > MaxNeeded)
    note(Twine(NeededTags) + " DT_NEEDED entries; the first " + Twine(MaxNeeded) +
         " are read (no loader maps that many libraries)");
  if (Flags & ELF::DF_TEXTREL)
    D.TextRelocations = true;
  if (tag(ELF::DT_BIND_NOW))
    D.BindNow = true, D.BindNowBecause = "DT_BIND_NOW";
  else if (Flags & ELF::DF_BIND_NOW)
    D.BindNow = true, D.BindNowBecause = "DF_BIND_NOW in DT_FLAGS";
  else if (Flags1 & ELF::DF_1_NOW)
    D.BindNow = true, D.BindNowBecause = "DF_1_NOW in DT_FLAGS_1";

  std::string Origin = sys::path::parent_path(Out.Path).str();
  if (Origin.empty())
    Origin = ".";
  for (const auto &P : D.Rpath)
    D.RpathExpanded.push_back(expandDynamicStringTokens(P, Origin, Out.ClassBits, Out.Arch));
  for (const auto &P : D.Runpath)
    D.RunpathExpanded.push_back(expandDynamicStringTokens(P, Origin, Out.ClassBits, Out.Arch));

  if (Obj.getHeader().e_type == ELF::ET_DYN) {
    // DF_1_PIE says so outright (binutils >= 2.34, lld); older PIEs have an interpreter and no
    // SONAME (glibc's libc.so.6 has both an interpreter and a SONAME: a library).
    if ((Flags1 & ELF::DF_1_PIE) || (!Out.Interpreter.empty() && Out.Soname.empty()))
      Out.Type = "pie";
  }
  if (auto PltRel = tag(ELF::DT_PLTREL))
    IsRela = *PltRel == ELF::DT_RELA;
  else
    IsRela = !tag(ELF::DT_REL).has_value();
}

template <class ELFT> void ElfReader<ELFT>::readSymbols() {
  for (size_t I = 0; I < Sections.size(); ++I)
    if (SectionKinds[I].DynSym)
      DynSymSec = &Sections[I];
  if (DynSymSec) {
    auto Syms = Obj.symbols(DynSymSec);
    if (!Syms) {
      note(".dynsym unreadable: " + toString(Syms.takeError()));
      return;
    }
    DynSyms = *Syms;
    auto Str = Obj.getStringTableForSymtab(*DynSymSec, Sections);
    if (Str)
      DynSymStr = *Str;
    else
      consumeError(Str.takeError()), DynSymStr = DynStr;
  } else if (auto Addr = tag(ELF::DT_SYMTAB)) {
    // No section headers: the loader's view, sized from the hash tables.
    auto Count = dynSymCountFromHash();
    if (!Count) {
      note("dynamic symbol count unavailable: no readable DT_GNU_HASH or DT_HASH");
      return;
    }
    uint64_t Bytes = *Count * sizeof(Elf_Sym);
    auto B = vaddrBytes(*Addr, Bytes);
    if (!B || *Count > Data.size() / sizeof(Elf_Sym)) {
      note("DT_SYMTAB runs past its segment");
      return;
    }
    if (reinterpret_cast<uintptr_t>(B->data()) % alignof(Elf_Sym)) {
      note("DT_SYMTAB is misaligned");
      return;
    }
    DynSyms = ArrayRef<Elf_Sym>(reinterpret_cast<const Elf_Sym *>(B->data()), size_t(*Count));
    DynSymStr = DynStr;
  }
  auto &D = Out.Dynamic;
  for (size_t I = 1; I < DynSyms.size(); ++I) {
    const Elf_Sym &S = DynSyms[I];
    unsigned Bind = S.getBinding();
    if (S.st_shndx == ELF::SHN_UNDEF) {
      if (Bind != ELF::STB_LOCAL)
        ++D.ImportedSymbols;
    } else if ((Bind == ELF::STB_GLOBAL || Bind == ELF::STB_WEAK || Bind == ELF::STB_GNU_UNIQUE) &&
               (S.getVisibility() == ELF::STV_DEFAULT || S.getVisibility() == ELF::STV_PROTECTED)) {
      ++D.ExportedSymbols;
    }
  }
}

/// The number of dynamic symbols as the hash tables imply it (the loader never needs the count;
/// tools without section headers derive it the same way): DT_HASH's nchain, or one past the end
/// of the last DT_GNU_HASH chain. Every read is bounded by the segment holding the table.
template <class ELFT> std::optional<uint64_t> ElfReader<ELFT>::dynSymCountFromHash() const {
  auto U32 = [](StringRef B, uint64_t Off) -> std::optional<uint32_t> {
    if (Off > B.size() || B.size() - Off < 4)
      return std::nullopt;
    return support::endian::read<uint32_t, ELFT::Endianness, 1>(B.data() + Off);
  };
  if (auto Addr = tag(ELF::DT_GNU_HASH)) {
    if (auto B = vaddrTail(*Addr)) {
      auto NBuckets = U32(*B, 0), SymOffset = U32(*B, 4), BloomSize = U32(*B, 8);
      if (NBuckets && SymOffset && BloomSize) {
        uint64_t Buckets = 16 + uint64_t(*BloomSize) * WordSize;
        uint64_t Chains = Buckets + uint64_t(*NBuckets) * 4;
        uint32_t Max = 0;
        bool Ok = Chains <= B->size();
        for (uint32_t I = 0; Ok && I < *NBuckets; ++I)
          if (auto V = U32(*B, Buckets + 4ull * I))
            Max = std::max(Max, *V);
          else
            Ok = false;
        if (Ok && Max < *SymOffset)
          return uint64_t(*SymOffset);
        for (uint64_t Index = Max; Ok; ++Index) {
          auto V = U32(*B, Chains + 4 * (Index - *SymOffset));
          if (!V)
            break;
          if (*V & 1)
            return Index + 1;
        }
      }
    }
  }
  if (auto Addr = tag(ELF::DT_HASH))
    if (auto B = vaddrTail(*Addr))
      if (auto NChain = U32(*B, 4))
        return uint64_t(*NChain);
  return std::nullopt;
}

template <class ELFT> void ElfReader<ELFT>::readVersionNeeds() {
  auto Addr = tag(ELF::DT_VERNEED);
  if (!Addr)
    return;
  uint64_t Num = tag(ELF::DT_VERNEEDNUM).value_or(0);
  auto Bytes = vaddrTail(*Addr);
  if (!Bytes) {
    note("DT_VERNEED points outside the file");
    return;
  }
  StringRef B = *Bytes;
  auto U16 = [&](uint64_t Off) {
    return support::endian::read<uint16_t, ELFT::Endianness, 1>(B.data() + Off);
  };
  auto U32 = [&](uint64_t Off) {
    return support::endian::read<uint32_t, ELFT::Endianness, 1>(B.data() + Off);
  };
  // Each record is 16 bytes; no valid chain has more records than fit in the bytes.
  uint64_t Budget = B.size() / 16 + 1;
  uint64_t Off = 0;
  for (uint64_t I = 0; I < Num; ++I) {
    if (Off > B.size() || B.size() - Off < 16 || Budget-- == 0) {
      note("DT_VERNEED chain runs past its segment");
      break;
    }
    report::VersionNeed Need;
    uint16_t Cnt = U16(Off + 2);
    Need.Library = dynString(U32(Off + 4), MaxVersionString).str();
    uint64_t AuxOff = Off + U32(Off + 8);
    for (uint16_t J = 0; J < Cnt; ++J) {
      if (AuxOff > B.size() || B.size() - AuxOff < 16 || Budget-- == 0) {
        note("DT_VERNEED auxiliary chain runs past its segment");
        break;
      }
      StringRef Name = dynString(U32(AuxOff + 8), MaxVersionString);
      Need.Versions.push_back(Name.str());
      if (auto V = parseVersionTag(Name)) {
        auto &Max = Out.Dynamic.MaxVersions[V->Family];
        auto Current = parseVersionNumbers(Max);
        if (!Current || compareVersions(V->Numbers, *Current) > 0)
          Max = V->text();
      }
      uint32_t Next = U32(AuxOff + 12);
      if (Next == 0)
        break;
      AuxOff += Next;
    }
    Out.Dynamic.VersionNeeds.push_back(std::move(Need));
    uint32_t Next = U32(Off + 12);
    if (Next == 0)
      break;
    Off += Next;
  }
}

// DT_VERDEF: the versions this object defines (libc.so.6 defines GLIBC_2.2.5 ... GLIBC_2.36).
// Records are Elf_Verdef (20 bytes) with Elf_Verdaux (8 bytes) chains; the first auxiliary
// entry names the version, the VER_FLG_BASE record names the object itself and is skipped.
template <class ELFT> void ElfReader<ELFT>::readVersionDefinitions() {
  auto Addr = tag(ELF::DT_VERDEF);
  if (!Addr)
    return;
  uint64_t Num = tag(ELF::DT_VERDEFNUM).value_or(0);
  auto Bytes = vaddrTail(*Addr);
  if (!Bytes) {
    note("DT_VERDEF points outside the file");
    return;
  }
  StringRef B = *Bytes;
  auto U16 = [&](uint64_t Off) {
    return support::endian::read<uint16_t, ELFT::Endianness, 1>(B.data() + Off);
  };
  auto U32 = [&](uint64_t Off) {
    return support::endian::read<uint32_t, ELFT::Endianness, 1>(B.data() + Off);
  };
  uint64_t Budget = B.size() / 20 + 1;
  uint64_t Off = 0;
  for (uint64_t I = 0; I < Num; ++I) {
    if (Off > B.size() || B.size() - Off < 20 || Budget-- == 0) {
      note("DT_VERDEF chain runs past its segment");
      break;
    }
    uint16_t Flags = U16(Off + 2);
    uint64_t AuxOff = Off + U32(Off + 12);
    if (!(Flags & ELF::VER_FLG_BASE) && AuxOff <= B.size() && B.size() - AuxOff >= 8) {
      StringRef Name = dynString(U32(AuxOff), MaxVersionString);
      if (auto V = parseVersionTag(Name)) {
        auto &Max = Out.Dynamic.MaxDefinedVersions[V->Family];
        auto Current = parseVersionNumbers(Max);
        if (!Current || compareVersions(V->Numbers, *Current) > 0)
          Max = V->text();
      }
    }
    uint32_t Next = U32(Off + 16);
    if (Next == 0)
      break;
    Off += Next;
  }
}

template <class ELFT>
void ElfReader<ELFT>::recordSlot(uint64_t Offset, uint64_t Target, std::string How) {
  if (inSlots(Offset))
    SlotFixes[Offset] = SlotFix{Target, std::move(How)};
}

template <class ELFT>
template <class RelT>
void ElfReader<ELFT>::countRelocationTable(StringRef Bytes, bool Rela, uint64_t &Counted) {
  auto &R = Out.Relocations;
  if (reinterpret_cast<uintptr_t>(Bytes.data()) % alignof(RelT)) {
    note("relocation table is misaligned; its relocations are not counted");
    return;
  }
  ArrayRef<RelT> Table(reinterpret_cast<const RelT *>(Bytes.data()), Bytes.size() / sizeof(RelT));
  bool IsMips64EL = Obj.isMips64EL();
  // Counting per type in a small map keeps the loop allocation-free. Keyed by 64 bits: a
  // hostile 32-bit type of 0xffffffff or 0xfffffffe is DenseMap<uint32_t>'s empty or tombstone
  // key (found by the ELF fuzz target).
  DenseMap<uint64_t, uint64_t> ByType;
  for (const RelT &E : Table) {
    uint32_t Type = E.getType(IsMips64EL);
    ++ByType[uint64_t(Type)];
    if (SlotRanges.empty())
      continue;
    uint64_t Offset = E.r_offset;
    if (!inSlots(Offset))
      continue;
    RelocKind K = classifyRelocation(Machine, Type);
    StringRef TypeName = Obj.getRelocationTypeName(Type);
    int64_t Addend = 0;
    if constexpr (std::is_same_v<RelT, Elf_Rela>)
      Addend = E.r_addend;
    if (K == RelocKind::Relative) {
      if (Rela) {
        recordSlot(Offset, uint64_t(Addend), (TypeName + " addend").str());
      } else if (auto Slot = vaddrBytes(Offset, WordSize)) {
        recordSlot(Offset, readWord(*Slot), (TypeName + " implicit addend").str());
      }
    } else if (K == RelocKind::Symbolic) {
      uint32_t SymIndex = E.getSymbol(IsMips64EL);
      if (SymIndex < DynSyms.size() && DynSyms[SymIndex].st_shndx != ELF::SHN_UNDEF) {
        uint64_t Base = DynSyms[SymIndex].st_value;
        if (!Rela)
          if (auto Slot = vaddrBytes(Offset, WordSize))
            Addend = int64_t(readWord(*Slot));
        recordSlot(Offset, Base + uint64_t(Addend), (TypeName + " to a local symbol").str());
      } else {
        SlotFix F;
        F.Known = false;
        F.How = (TypeName + " to an undefined symbol").str();
        SlotFixes[Offset] = F;
      }
    }
  }
  for (const auto &[Type64, N] : ByType) {
    uint32_t Type = uint32_t(Type64);
    RelocKind K = classifyRelocation(Machine, Type);
    if (K == RelocKind::None)
      continue;
    R.ByType[Obj.getRelocationTypeName(Type).str()] += N;
    R.Total += N;
    Counted += N;
    switch (K) {
    case RelocKind::Relative:
      R.Relative += N;
      break;
    case RelocKind::Symbolic:
      R.Symbolic += N;
      break;
    case RelocKind::JumpSlot:
      R.JumpSlot += N;
      break;
    case RelocKind::Tls:
      R.Tls += N;
      break;
    case RelocKind::Copy:
      R.Copy += N;
      break;
    case RelocKind::IRelative:
      R.IRelative += N;
      break;
    case RelocKind::None:
      break;
    case RelocKind::Other:
      R.Other += N;
      break;
    }
  }
}

template <class ELFT> void ElfReader<ELFT>::countRelr(StringRef Bytes) {
  auto &R = Out.Relocations;
  uint64_t N = Bytes.size() / WordSize;
  R.RelrEntries += N;
  uint64_t Where = 0, Count = 0;
  for (uint64_t I = 0; I < N; ++I) {
    uint64_t Entry = readWord(Bytes.data() + I * WordSize);
    if ((Entry & 1) == 0) {
      Where = Entry;
      ++Count;
      if (inSlots(Where))
        if (auto Slot = vaddrBytes(Where, WordSize))
          recordSlot(Where, readWord(*Slot), "RELR relative relocation");
      Where += WordSize;
    } else {
      uint64_t Bits = Entry >> 1;
      for (unsigned B = 0; Bits; ++B, Bits >>= 1) {
        if (!(Bits & 1))
          continue;
        ++Count;
        uint64_t At = Where + uint64_t(B) * WordSize;
        if (inSlots(At))
          if (auto Slot = vaddrBytes(At, WordSize))
            recordSlot(At, readWord(*Slot), "RELR relative relocation");
      }
      Where += uint64_t(WordSize * 8 - 1) * WordSize;
    }
  }
  R.RelrRelative += Count;
  R.Relative += Count;
  R.Total += Count;
  R.ByType[(Obj.getRelocationTypeName(Obj.getRelativeRelocationType()) + " (RELR)").str()] += Count;
}

template <class ELFT> void ElfReader<ELFT>::readRelocations() {
  auto &R = Out.Relocations;
  if (HasDynamic) {
    R.Method = "dynamic relocation tables the loader applies (DT_RELA/DT_REL, DT_JMPREL, "
               "DT_RELR), read with llvm::object from the mapped file";
    struct Table {
      uint64_t Addr = 0, Size = 0;
      bool Rela = true;
    };
    std::optional<Table> Main, Plt;
    if (auto A = tag(ELF::DT_RELA))
      Main = Table{*A, tag(ELF::DT_RELASZ).value_or(0), true};
    else if (auto A = tag(ELF::DT_REL))
      Main = Table{*A, tag(ELF::DT_RELSZ).value_or(0), false};
    if (auto A = tag(ELF::DT_JMPREL))
      Plt = Table{*A, tag(ELF::DT_PLTRELSZ).value_or(0), IsRela};
    uint64_t Counted = 0;
    auto CountTable = [&](const Table &T) {
      auto Bytes = vaddrBytes(T.Addr, T.Size);
      if (!Bytes) {
        note("relocation table at " + toHex(T.Addr) + " (" + Twine(T.Size) +
             " bytes) lies outside the file; not counted");
        return;
      }
      if (T.Rela)
        countRelocationTable<Elf_Rela>(*Bytes, true, Counted);
      else
        countRelocationTable<Elf_Rel>(*Bytes, false, Counted);
    };
    if (Main) {
      // Some linkers make DT_RELASZ cover .rela.plt too; the loader skips the overlap, so do we.
      if (Plt && Plt->Rela == Main->Rela && Plt->Addr >= Main->Addr &&
          Plt->Addr + Plt->Size == Main->Addr + Main->Size && Plt->Size <= Main->Size)
        Main->Size -= Plt->Size;
      CountTable(*Main);
    }
    if (Plt)
      CountTable(*Plt);
    if (auto A = tag(ELF::DT_RELR)) {
      if (auto Bytes = vaddrBytes(*A, tag(ELF::DT_RELRSZ).value_or(0)))
        countRelr(*Bytes);
      else
        note("DT_RELR table lies outside the file; not counted");
    }
    if (tag(ELF::DT_ANDROID_REL) || tag(ELF::DT_ANDROID_RELA))
      note("Android packed relocations (DT_ANDROID_REL[A]) are not counted");
    return;
  }
  // No dynamic section: a static executable applies only its IRELATIVE table
  // (__rela_iplt_start..end), which is the allocated relocation section.
  R.Method = "allocated relocation sections (no dynamic section), read with llvm::object";
  uint64_t Counted = 0;
  for (size_t I = 0; I < Sections.size(); ++I) {
    const auto &K = SectionKinds[I];
    if (!K.Alloc || !(K.Rel || K.Rela || K.Relr))
      continue;
    auto Bytes = sectionBytes(Sections[I]);
    if (!Bytes) {
      note(SectionNames[I] + " lies outside the file; not counted");
      continue;
    }
    if (K.Rela)
      countRelocationTable<Elf_Rela>(*Bytes, true, Counted);
    else if (K.Rel)
      countRelocationTable<Elf_Rel>(*Bytes, false, Counted);
    else
      countRelr(*Bytes);
  }
}

template <class ELFT> void ElfReader<ELFT>::attributeSizes() {
  auto &S = Out.Size;
  S.FileBytes = Data.size();
  uint64_t FileBytes[8] = {}, MemBytes[8] = {}, Count[8] = {};
  struct Interval {
    uint64_t Begin, End;
    ByteKind Kind;
    size_t Order; // first claimant wins among equal starts
  };
  std::vector<Interval> Intervals;
  const auto &H = Obj.getHeader();
  auto Add = [&](uint64_t Off, uint64_t Size, ByteKind K) {
    if (Size == 0 || Off >= Data.size())
      return;
    Intervals.push_back(
        {Off, Off + std::min<uint64_t>(Size, Data.size() - Off), K, Intervals.size()});
  };
  Add(0, H.e_ehsize ? H.e_ehsize : sizeof(typename ELFT::Ehdr), ByteKind::Other);
  Add(H.e_phoff, uint64_t(Phdrs.size()) * sizeof(Elf_Phdr), ByteKind::Other);
  Add(H.e_shoff, uint64_t(Sections.size()) * sizeof(Elf_Shdr), ByteKind::Other);
  auto Index = [](ByteKind K) { return static_cast<size_t>(K); };
  if (!Sections.empty()) {
    S.Method = "each section's file bytes by type, flags and name (bloaty-style; overlaps "
               "counted once, gaps and headers as other); removable = .symtab, .strtab and "
               "debug sections, which strip drops";
    for (size_t I = 0; I < Sections.size(); ++I) {
      const auto &K = SectionKinds[I];
      const Elf_Shdr &Sec = Sections[I];
      if (K.Null)
        continue;
      StringRef Name = SectionNames[I];
      ByteKind Kind;
      bool Removable = false;
      if (!K.Alloc && (Name.starts_with(".debug") || Name.starts_with(".zdebug") ||
                       Name == ".gdb_index" || Name.starts_with(".stab") ||
                       Name.starts_with(".rela.debug") || Name.starts_with(".rel.debug"))) {
        Kind = ByteKind::Debug, Removable = true;
      } else if (K.SymTab || Sec.sh_type == ELF::SHT_SYMTAB_SHNDX ||
                 (!K.Alloc && K.StrTab && Name == ".strtab")) {
        Kind = ByteKind::Symbols, Removable = true;
      } else if (K.Alloc &&
                 (K.DynSym || K.Dynamic || K.Rel || K.Rela || K.Relr || K.Hash || K.GnuHash ||
                  K.Versym || K.Verneed || K.Verdef || (K.StrTab && Name == ".dynstr"))) {
        Kind = ByteKind::Dynamic;
      } else if (K.Alloc && K.NoBits) {
        Kind = ByteKind::Bss;
      } else if (K.Alloc && K.Exec) {
        Kind = ByteKind::Code;
      } else if (K.Alloc && K.Write) {
        Kind = ByteKind::Data;
      } else if (K.Alloc) {
        Kind = ByteKind::ReadOnlyData;
      } else {
        Kind = ByteKind::Other;
      }
      ++Count[Index(Kind)];
      if (K.Alloc)
        MemBytes[Index(Kind)] += Sec.sh_size;
      if (!K.NoBits) {
        if (uint64_t(Sec.sh_offset) > Data.size() ||
            uint64_t(Sec.sh_size) > Data.size() - Sec.sh_offset)
          note("section " + Name + " extends past the end of the file; its bytes are clipped");
        Add(Sec.sh_offset, Sec.sh_size, Kind);
        if (Removable) {
          S.Removable.push_back(Name.str());
        }
      }
    }
  } else {
    S.Method = "no section headers: PT_LOAD segments by their flags (executable -> code, "
               "writable -> data, else read-only data), the rest as other";
    for (const Elf_Phdr &P : Phdrs) {
      if (P.p_type != ELF::PT_LOAD)
        continue;
      ByteKind Kind = (P.p_flags & ELF::PF_X)   ? ByteKind::Code
                      : (P.p_flags & ELF::PF_W) ? ByteKind::Data
                                                : ByteKind::ReadOnlyData;
      ++Count[Index(Kind)];
      MemBytes[Index(Kind)] += P.p_memsz;
      Add(P.p_offset, P.p_filesz, Kind);
    }
  }
  // Sweep: every byte once, first claimant wins; gaps are padding (other).
  // A total order (std::stable_sort warns under clang-19 with libstdc++ 12, see d4f909d).
  std::sort(Intervals.begin(), Intervals.end(), [](const Interval &A, const Interval &B) {
    return A.Begin != B.Begin ? A.Begin < B.Begin : A.Order < B.Order;
  });
  uint64_t Cursor = 0;
  for (const Interval &I : Intervals) {
    if (I.Begin > Cursor)
      FileBytes[Index(ByteKind::Other)] += I.Begin - Cursor, Cursor = I.Begin;
    if (I.End > Cursor)
      FileBytes[Index(I.Kind)] += I.End - Cursor, Cursor = I.End;
  }
  if (Data.size() > Cursor)
    FileBytes[Index(ByteKind::Other)] += Data.size() - Cursor;
  for (ByteKind K : report::AllByteKinds) {
    report::SizeBucket B;
    B.Kind = K;
    B.FileBytes = FileBytes[Index(K)];
    B.MemoryBytes = MemBytes[Index(K)];
    B.Sections = Sections.empty() ? 0 : Count[Index(K)];
    S.Buckets.push_back(B);
  }
  S.RemovableBytes = FileBytes[Index(ByteKind::Symbols)] + FileBytes[Index(ByteKind::Debug)];
}

/// Start addresses of the functions .eh_frame_hdr's search table covers, sorted; nullopt when
/// the binary has no such table or it uses an encoding this reader does not decode.
template <class ELFT> std::optional<std::vector<uint64_t>> ElfReader<ELFT>::fdeStarts() {
  uint64_t HdrAddr = 0;
  std::optional<StringRef> Bytes;
  for (const Elf_Phdr &P : Phdrs)
    if (P.p_type == ELF::PT_GNU_EH_FRAME) {
      HdrAddr = P.p_vaddr;
      Bytes = fileBytes(P.p_offset, P.p_filesz);
    }
  if (!Bytes)
    if (const Elf_Shdr *S = sectionNamed(".eh_frame_hdr")) {
      HdrAddr = S->sh_addr;
      Bytes = sectionBytes(*S);
    }
  if (!Bytes || Bytes->size() < 4)
    return std::nullopt;
  StringRef B = *Bytes;
  uint8_t Version = B[0], PtrEnc = B[1], CountEnc = B[2], TableEnc = B[3];
  // The form every GNU and LLVM linker writes: udata4/sdata4 count, datarel|sdata4 table.
  if (Version != 1 || TableEnc != 0x3b || (CountEnc != 0x03 && CountEnc != 0x0b))
    return std::nullopt;
  uint64_t Off = 4;
  switch (PtrEnc & 0x0f) { // skip eh_frame_ptr
  case 0x03:
  case 0x0b:
    Off += 4;
    break;
  case 0x04:
  case 0x0c:
    Off += 8;
    break;
  case 0x00:
    Off += WordSize;
    break;
  default:
    return std::nullopt;
  }
  if (B.size() < Off + 4)
    return std::nullopt;
  uint32_t N = support::endian::read<uint32_t, ELFT::Endianness, 1>(B.data() + Off);
  Off += 4;
  if (N > (B.size() - Off) / 8)
    return std::nullopt;
  std::vector<uint64_t> Starts;
  Starts.reserve(N);
  for (uint32_t I = 0; I < N; ++I) {
    int32_t Rel =
        support::endian::read<int32_t, ELFT::Endianness, 1>(B.data() + Off + uint64_t(8) * I);
    Starts.push_back(HdrAddr + int64_t(Rel));
  }
  llvm::sort(Starts);
  return Starts;
}

template <class ELFT> void ElfReader<ELFT>::readInitializers() {
  auto &SI = Out.Initializers;
  struct TableRef {
    std::string Name;
    uint64_t Addr = 0, Offset = 0, Size = 0;
    bool FromSection = true;
  };
  std::vector<TableRef> Tables;
  for (size_t I = 0; I < Sections.size(); ++I) {
    const auto &K = SectionKinds[I];
    StringRef Name = SectionNames[I];
    std::string Table;
    if (K.PreinitArray)
      Table = ".preinit_array";
    else if (K.InitArray)
      Table = ".init_array";
    else if (Name == ".ctors" || Name.starts_with(".ctors."))
      Table = ".ctors";
    else
      continue;
    if (!K.Alloc && Obj.getHeader().e_type != ELF::ET_REL)
      continue;
    Tables.push_back({Table, Sections[I].sh_addr, Sections[I].sh_offset, Sections[I].sh_size});
  }
  if (Sections.empty() && HasDynamic) {
    auto FromTags = [&](unsigned ArrayTag, unsigned SizeTag, const char *Name) {
      if (auto A = tag(ArrayTag)) {
        uint64_t Size = tag(SizeTag).value_or(0);
        for (const Elf_Phdr &P : Phdrs)
          if (P.p_type == ELF::PT_LOAD && *A >= P.p_vaddr && *A - P.p_vaddr < P.p_filesz)
            Tables.push_back({Name, *A, P.p_offset + (*A - P.p_vaddr), Size, false});
      }
    };
    FromTags(ELF::DT_PREINIT_ARRAY, ELF::DT_PREINIT_ARRAYSZ, ".preinit_array");
    FromTags(ELF::DT_INIT_ARRAY, ELF::DT_INIT_ARRAYSZ, ".init_array");
  }
  for (const auto &T : Tables) {
    if (T.Name == ".preinit_array")
      SI.PreinitArrayBytes += T.Size;
    else if (T.Name == ".init_array")
      SI.InitArrayBytes += T.Size;
    else
      SI.CtorsBytes += T.Size;
    if (T.Size && T.Addr + T.Size > T.Addr)
      SlotRanges.push_back({T.Addr, T.Addr + T.Size});
  }
  llvm::sort(SlotRanges);
  {
    std::vector<std::pair<uint64_t, uint64_t>> Merged;
    for (const auto &R : SlotRanges)
      if (!Merged.empty() && R.first <= Merged.back().second)
        Merged.back().second = std::max(Merged.back().second, R.second);
      else
        Merged.push_back(R);
    SlotRanges = std::move(Merged);
  }
  SI.Method = "slots of .preinit_array, .init_array and .ctors (or DT_INIT_ARRAY without "
              "sections) read from the file, with R_*_RELATIVE addends, RELR and symbol "
              "relocations applied; DT_INIT; named by .symtab/.dynsym, toolchain entries by name "
              "or, without symbols, by having no .eh_frame_hdr entry (crtstuff has no unwind "
              "tables)";
  // Relocations fill SlotFixes; they are read after this function sets SlotRanges.
  readRelocations();

  // Collect the entries. A table repeated (a hostile file can declare 65535 sections over the
  // same bytes) is read once, and no more than MaxInitFunctions entries are kept: more than any
  // real program has, and each one costs the report far more than its 8 bytes in the file.
  std::set<std::tuple<std::string, uint64_t, uint64_t>> TablesRead;
  unsigned Repeated = 0;
  bool Capped = false;
  for (const auto &T : Tables) {
    if (Capped)
      break;
    if (!TablesRead.insert({T.Name, T.Offset, T.Size}).second) {
      ++Repeated;
      continue;
    }
    auto Bytes = fileBytes(T.Offset, T.Size);
    if (!Bytes) {
      note(T.Name + " lies outside the file; its entries are not read");
      continue;
    }
    uint64_t N = T.Size / WordSize;
    for (uint64_t I = 0; I < N; ++I) {
      if (SI.Functions.size() >= MaxInitFunctions) {
        Capped = true;
        break;
      }
      uint64_t SlotAddr = T.Addr + I * WordSize;
      uint64_t Value = readWord(Bytes->data() + I * WordSize);
      report::InitFunction F;
      F.Table = T.Name;
      F.Slot = I;
      auto Fix = SlotFixes.find(SlotAddr);
      if (Fix != SlotFixes.end()) {
        if (!Fix->second.Known) {
          F.AddressFrom = Fix->second.How;
          SI.Functions.push_back(std::move(F));
          continue;
        }
        F.Address = Fix->second.Target;
        F.AddressFrom = Fix->second.How;
      } else {
        F.Address = Value;
        F.AddressFrom = "slot";
      }
      // .ctors is bracketed by -1 and 0 sentinels; empty slots are never called.
      if (F.Address == 0 || F.Address == uint64_t(UInt(-1)))
        continue;
      SI.Functions.push_back(std::move(F));
    }
  }
  if (Repeated)
    note(Twine(Repeated) + " init tables repeat another one (same place and size); each is read "
                           "once");
  if (Capped)
    note("more than " + Twine(MaxInitFunctions) + " init table entries: the first " +
         Twine(MaxInitFunctions) + " are listed and counted");
  if (auto Init = tag(ELF::DT_INIT)) {
    report::InitFunction F;
    F.Table = "DT_INIT";
    F.Address = *Init;
    F.AddressFrom = "DT_INIT";
    SI.Functions.push_back(std::move(F));
  }
  if (SI.Functions.empty())
    return;

  // Name the targets: one pass over each symbol table, matching the few target addresses.
  uint64_t AddrMask = Machine == ELF::EM_ARM ? ~uint64_t(1) : ~uint64_t(0);
  std::unordered_map<uint64_t, std::pair<std::string, uint64_t>> Names;
  for (const auto &F : SI.Functions)
    if (F.Address)
      Names.try_emplace(F.Address & AddrMask);
  auto Scan = [&](ArrayRef<Elf_Sym> Syms, StringRef Strings) {
    for (const Elf_Sym &S : Syms) {
      unsigned Type = S.getType();
      if (Type != ELF::STT_FUNC && Type != ELF::STT_GNU_IFUNC)
        continue;
      if (S.st_shndx == ELF::SHN_UNDEF)
        continue;
      auto It = Names.find(uint64_t(S.st_value) & AddrMask);
      if (It == Names.end() || !It->second.first.empty())
        continue;
      It->second = {cString(Strings, S.st_name, MaxSymbolName).str(), S.st_size};
    }
  };
  if (SymTabSec) {
    auto Syms = Obj.symbols(SymTabSec);
    auto Str = Obj.getStringTableForSymtab(*SymTabSec, Sections);
    if (Syms && Str)
      Scan(*Syms, *Str);
    else {
      if (!Syms)
        note(".symtab unreadable: " + toString(Syms.takeError()));
      if (!Str)
        note(".symtab strings unreadable: " + toString(Str.takeError()));
    }
  }
  Scan(DynSyms, DynSymStr);

  std::optional<std::vector<uint64_t>> Fdes;
  bool FdesLoaded = false;
  const Elf_Shdr *InitSection = sectionNamed(".init");
  for (auto &F : SI.Functions) {
    if (F.Address) {
      auto &Entry = Names[F.Address & AddrMask];
      F.Symbol = Entry.first;
      F.Size = Entry.second;
      if (!F.Symbol.empty())
        F.Name = readableName(F.Symbol);
    }
    if (!F.Symbol.empty()) {
      if (isToolchainInitName(F.Symbol))
        F.Toolchain = true, F.ToolchainBecause = "start-file function '" + F.Symbol + "'";
    } else if (F.Table == "DT_INIT" && InitSection) {
      if (F.Address == InitSection->sh_addr)
        F.Toolchain = true, F.ToolchainBecause = "DT_INIT is the start of .init (crti's _init)";
    } else if (F.Address) {
      if (!FdesLoaded)
        Fdes = fdeStarts(), FdesLoaded = true;
      if (Fdes && !std::binary_search(Fdes->begin(), Fdes->end(), F.Address & AddrMask))
        F.Toolchain = true,
        F.ToolchainBecause = "no unwind entry in .eh_frame_hdr (crtstuff is built without)";
    }
  }

  // DWARF line info names the source file of GCC's _GLOBAL__sub_I_<first global> and of plain
  // constructor functions.
  if (Options.ReadDwarf && Out.HasDebugInfo) {
    // A context over just the line-table sections, taken from the bounds-checked section
    // table: DWARFContext::create(ObjectFile) would also decompress and relocate every debug
    // section, trusting sizes a hostile file controls.
    StringMap<std::unique_ptr<MemoryBuffer>> DebugSections;
    for (size_t I = 0; I < Sections.size(); ++I) {
      StringRef Name = SectionNames[I];
      if (Name != ".debug_line" && Name != ".debug_line_str" && Name != ".debug_str")
        continue;
      if (Sections[I].sh_flags & ELF::SHF_COMPRESSED) {
        note(Name + " is compressed; initializer source files are not read from it");
        continue;
      }
      if (auto Bytes = sectionBytes(Sections[I]))
        DebugSections[Name.drop_front()] =
            MemoryBuffer::getMemBuffer(*Bytes, Name, /*RequiresNullTerminator=*/false);
    }
    bool LE = ELFT::Endianness == llvm::endianness::little;
    if (DebugSections.count("debug_line") &&
        !lineTablesAreSafe(DebugSections["debug_line"]->getBuffer(), LE)) {
      note(".debug_line has a malformed or unusual header; initializer source files are not "
           "read from it");
      DebugSections.erase("debug_line");
    }
    if (DebugSections.count("debug_line")) {
      unsigned Warnings = 0;
      auto Ctx = DWARFContext::create(
          DebugSections, WordSize, ELFT::Endianness == llvm::endianness::little,
          [&](Error E) { ++Warnings, consumeError(std::move(E)); },
          [&](Error E) { ++Warnings, consumeError(std::move(E)); });
      // Only the line tables are read (not the DIEs: LLVM's DIE walk trusts the data more
      // than a hostile file deserves): each table that covers a target names its file.
      const DWARFObject &DObj = Ctx->getDWARFObj();
      DWARFDataExtractor LineData(DObj, DObj.getLineSection(),
                                  ELFT::Endianness == llvm::endianness::little, WordSize);
      DWARFUnitVector NoUnits;
      DWARFDebugLine::SectionParser Parser(
          LineData, *Ctx, DWARFUnitVector::iterator_range(NoUnits.begin(), NoUnits.end()));
      auto Handler = [&](Error E) { ++Warnings, consumeError(std::move(E)); };
      unsigned Pending = 0;
      for (auto &F : SI.Functions)
        Pending += !F.Toolchain && F.Address && F.SourceFile.empty();
      while (Pending && !Parser.done()) {
        DWARFDebugLine::LineTable LT = Parser.parseNext(Handler, Handler);
        if (LT.Rows.empty())
          continue;
        for (auto &F : SI.Functions) {
          if (F.Toolchain || !F.Address || !F.SourceFile.empty())
            continue;
          uint32_t Row =
              LT.lookupAddress({F.Address & AddrMask, object::SectionedAddress::UndefSection});
          if (Row == LT.UnknownRowIndex || Row >= LT.Rows.size())
            continue;
          std::string File;
          if (LT.getFileNameByIndex(LT.Rows[Row].File, "",
                                    DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath,
                                    File) &&
              !File.empty()) {
            F.SourceFile = File;
            --Pending;
          }
        }
      }
      if (Warnings)
        note("DWARF: " + Twine(Warnings) + " problems while reading line info");
    }
  }

  // Without line info, clang's name still tells the unit: _GLOBAL__sub_I_<file name>.
  for (auto &F : SI.Functions) {
    StringRef Sym = F.Symbol;
    if (F.SourceFile.empty() && Sym.consume_front("_GLOBAL__sub_I_") && Sym.contains('.') &&
        !Sym.starts_with("_Z"))
      F.SourceFile = Sym.str();
  }

  for (const auto &F : SI.Functions) {
    if (F.Toolchain) {
      ++SI.ToolchainEntries;
      continue;
    }
    ++SI.Count;
    if (F.Symbol.empty())
      SI.NamesAvailable = false;
  }
  if (!SI.NamesAvailable)
    note(Out.Stripped ? "static initializer names unavailable: the binary is stripped"
                      : "some static initializers have no symbol");
  if (Out.Stripped && !Fdes && FdesLoaded)
    note("no .eh_frame_hdr search table: toolchain init entries cannot be told apart from "
         "the program's");
}

template <class ELFT> void ElfReader<ELFT>::readStack() {
  bool Found = false;
  for (const Elf_Phdr &P : Phdrs) {
    lief::SegmentFields F;
    F.Type = P.p_type;
    F.Flags = P.p_flags;
    lief::SegmentFacts Facts = lief::segmentFacts(F);
    if (!Facts.GnuStack)
      continue;
    Found = true;
    Out.ExecutableStack = Facts.Executable;
    Out.ExecutableStackBecause =
        Facts.Executable ? "PT_GNU_STACK has PF_X" : "PT_GNU_STACK without PF_X";
  }
  unsigned Type = Obj.getHeader().e_type;
  if (!Found && (Type == ELF::ET_EXEC || Type == ELF::ET_DYN)) {
    // Without PT_GNU_STACK glibc's loader uses DEFAULT_STACK_PERMS of the architecture
    // (sysdeps/<arch>/stackinfo.h): PF_X on x86 and most others, but aarch64 (like nios2, tile
    // and arc) defaults to a non-executable stack, and the arm64 kernel does not imply
    // READ_IMPLIES_EXEC for 64-bit processes either.
    unsigned Machine = Obj.getHeader().e_machine;
    if (Machine == ELF::EM_AARCH64) {
      Out.ExecutableStackBecause = "no PT_GNU_STACK: aarch64 defaults to a non-executable stack "
                                   "(glibc DEFAULT_STACK_PERMS without PF_X)";
    } else {
      Out.ExecutableStack = true;
      Out.ExecutableStackBecause = "no PT_GNU_STACK: on " + archName(Machine) +
                                   " glibc's loader defaults to an executable stack "
                                   "(DEFAULT_STACK_PERMS has PF_X)";
    }
  }
}

template <class ELFT> Error ElfReader<ELFT>::run() {
  if (Error E = readTables())
    return E;
  readIdentity();
  readDynamic();
  readSymbols();
  readVersionNeeds();
  readVersionDefinitions();
  attributeSizes();
  readInitializers(); // also counts the relocations, applying them to the init slots
  readStack();
  if (TruncatedStrings)
    note("dynamic strings longer than " + Twine(MaxDynamicString) +
         " bytes (versions: " + Twine(MaxVersionString) + ") are cut there");
  return Error::success();
}

template <class ELFT>
Expected<BinaryReport> inspectAs(MemoryBufferRef Buffer, const std::string &Path,
                                 const InspectOptions &Options) {
  auto Obj = ELFFile<ELFT>::create(Buffer.getBuffer());
  if (!Obj)
    return Obj.takeError();
  BinaryReport Out;
  Out.Path = Path;
  ElfReader<ELFT> Reader(*Obj, Buffer, Options, Out);
  if (Error E = Reader.run())
    return E;
  return Out;
}

template <class ELFT>
Expected<DynamicSummary> summarizeAs(MemoryBufferRef Buffer, const std::string &Path) {
  auto Obj = ELFFile<ELFT>::create(Buffer.getBuffer());
  if (!Obj)
    return Obj.takeError();
  BinaryReport Out;
  Out.Path = Path;
  InspectOptions Options;
  ElfReader<ELFT> Reader(*Obj, Buffer, Options, Out);
  if (Error E = Reader.runDynamicOnly())
    return E;
  DynamicSummary S;
  S.Arch = Out.Arch;
  S.ClassBits = Out.ClassBits;
  S.Needed = std::move(Out.Dynamic.Needed);
  S.Rpath = std::move(Out.Dynamic.Rpath);
  S.Runpath = std::move(Out.Dynamic.Runpath);
  return S;
}

enum class Flavor { LE64, LE32, BE64, BE32, Unknown };
Flavor elfFlavor(StringRef Data) {
  uint8_t Class = Data[ELF::EI_CLASS], Endian = Data[ELF::EI_DATA];
  if (Class == ELF::ELFCLASS64 && Endian == ELF::ELFDATA2LSB)
    return Flavor::LE64;
  if (Class == ELF::ELFCLASS32 && Endian == ELF::ELFDATA2LSB)
    return Flavor::LE32;
  if (Class == ELF::ELFCLASS64 && Endian == ELF::ELFDATA2MSB)
    return Flavor::BE64;
  if (Class == ELF::ELFCLASS32 && Endian == ELF::ELFDATA2MSB)
    return Flavor::BE32;
  return Flavor::Unknown;
}

} // namespace

bool looksLikeElf(StringRef Bytes) {
  return Bytes.starts_with("\x7f"
                           "ELF");
}

std::string archName(unsigned Machine) {
  switch (Machine) {
  case ELF::EM_X86_64:
    return "x86_64";
  case ELF::EM_AARCH64:
    return "aarch64";
  case ELF::EM_386:
    return "i386";
  case ELF::EM_ARM:
    return "arm";
  default:
    break;
  }
  lief::HeaderFields H;
  H.Machine = static_cast<uint16_t>(Machine);
  return lief::machineName(H);
}

std::string normalizeArch(StringRef UserArch) {
  std::string A = UserArch.lower();
  if (A == "arm64" || A == "aarch64")
    return "aarch64";
  if (A == "x86_64" || A == "x86-64" || A == "amd64" || A == "x64")
    return "x86_64";
  return A;
}

std::string expandDynamicStringTokens(StringRef Entry, StringRef OriginDir, unsigned ClassBits,
                                      StringRef Arch) {
  std::string Out;
  for (size_t I = 0; I < Entry.size();) {
    if (Entry[I] != '$') {
      Out += Entry[I++];
      continue;
    }
    StringRef Rest = Entry.drop_front(I + 1);
    auto Token = [&](StringRef Name) -> size_t {
      if (Rest.starts_with(Name) &&
          (Rest.size() == Name.size() || !(isAlnum(Rest[Name.size()]) || Rest[Name.size()] == '_')))
        return Name.size();
      if (Rest.starts_with(("{" + Name + "}").str()))
        return Name.size() + 2;
      return 0;
    };
    if (size_t N = Token("ORIGIN")) {
      Out += OriginDir.str();
      I += 1 + N;
    } else if (size_t N = Token("LIB")) {
      Out += ClassBits == 64 ? "lib64" : "lib";
      I += 1 + N;
    } else if (size_t N = Token("PLATFORM")) {
      Out += Arch.str();
      I += 1 + N;
    } else {
      Out += Entry[I++];
    }
  }
  return Out;
}

static Expected<BinaryReport> inspectImage(MemoryBufferRef Buffer, const std::string &Path,
                                           const InspectOptions &Options) {
  StringRef Data = Buffer.getBuffer();
  auto Fail = [&](const Twine &Why) -> Error { return makeError(Path + ": " + Why); };
  if (Data.empty())
    return Fail("empty file, not an ELF file");
  if (!looksLikeElf(Data))
    return Fail("not an ELF file (no \\x7fELF magic)");
  if (Data.size() < ELF::EI_NIDENT)
    return Fail("truncated ELF identification (" + Twine(Data.size()) + " bytes)");
  uint8_t Class = Data[ELF::EI_CLASS], Endian = Data[ELF::EI_DATA];
  auto Inspect = [&]() -> Expected<BinaryReport> {
    switch (elfFlavor(Data)) {
    case Flavor::LE64:
      return inspectAs<ELF64LE>(Buffer, Path, Options);
    case Flavor::LE32:
      return inspectAs<ELF32LE>(Buffer, Path, Options);
    case Flavor::BE64:
      return inspectAs<ELF64BE>(Buffer, Path, Options);
    case Flavor::BE32:
      return inspectAs<ELF32BE>(Buffer, Path, Options);
    case Flavor::Unknown:
      break;
    }
    return makeError("unknown ELF class " + Twine(unsigned(Class)) + " or data encoding " +
                     Twine(unsigned(Endian)));
  };
  Expected<BinaryReport> R = Inspect();
  if (!R)
    return Fail("malformed ELF: " + toString(R.takeError()));
  return R;
}

Expected<BinaryReport> inspectElfBuffer(MemoryBufferRef Buffer, const std::string &DisplayPath,
                                        const InspectOptions &Options) {
  return inspectImage(Buffer, DisplayPath, Options);
}

Expected<DynamicSummary> readDynamicSummary(const std::string &Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buf)
    return makeError(Path + ": cannot read: " + Buf.getError().message());
  MemoryBufferRef Ref = (*Buf)->getMemBufferRef();
  StringRef Data = Ref.getBuffer();
  if (Data.size() < ELF::EI_NIDENT || !looksLikeElf(Data))
    return makeError(Path + ": not an ELF file");
  auto Done = [&](Expected<DynamicSummary> R) -> Expected<DynamicSummary> {
    if (!R)
      return makeError(Path + ": malformed ELF: " + toString(R.takeError()));
    return R;
  };
  switch (elfFlavor(Data)) {
  case Flavor::LE64:
    return Done(summarizeAs<ELF64LE>(Ref, Path));
  case Flavor::LE32:
    return Done(summarizeAs<ELF32LE>(Ref, Path));
  case Flavor::BE64:
    return Done(summarizeAs<ELF64BE>(Ref, Path));
  case Flavor::BE32:
    return Done(summarizeAs<ELF32BE>(Ref, Path));
  case Flavor::Unknown:
    break;
  }
  return makeError(Path + ": unknown ELF class or data encoding");
}

Expected<BinaryReport> inspectElfFile(const std::string &Path, const InspectOptions &Options) {
  // Map, never read: the kernel pages in only what the readers touch.
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buf)
    return makeError(Path + ": cannot read: " + Buf.getError().message());
  return inspectImage((*Buf)->getMemBufferRef(), Path, Options);
}

} // namespace coldstart::inspect
