// The static initializers: .init_array, .preinit_array, .ctors and DT_INIT entries, with the
// relocations applied to their slots, named from the symbol tables (or DWARF's source files for
// GCC's per-file initializers); without symbols the start files' own entry is recognised by where
// the start file puts its code (see crtbeginInitEntry).
#include "ElfReader.h"

namespace coldstart::inspect::elf {

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
  // compiler-rt's crtbegin, which clang links with --rtlib=compiler-rt on some systems.
  return Name == "__do_init";
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

namespace {

/// How far apart crtbegin's two functions start at most. They are defined one after the other
/// in its small .text: GCC 12's __do_global_dtors_aux is followed by frame_dummy 48 bytes later
/// (crtbegin.o), 64 bytes later (crtbeginS.o, crtbeginT.o) on x86_64 and 48 to 80 on aarch64;
/// compiler-rt's __do_init is followed by __do_fini 32 to 80 bytes later on x86_64. A program's
/// code is never between them.
constexpr uint64_t MaxCrtbeginGap = 256;

/// The index in Functions of the start file's own .init_array entry, recognised by where
/// crtbegin puts its code rather than by a symbol (a stripped binary has none) or by unwind data
/// (static binaries have no .eh_frame_hdr, and code built without unwind tables looks like
/// crtstuff), or nullopt when no entry sits where it would. Only entries without a symbol are
/// candidates, and FiniTargets holds only functions without a name or with crtbegin's.
///
/// The compiler driver links crtbegin before every object of the program, and crtbegin puts one
/// function in .init_array and its neighbour in .fini_array: GCC's crtstuff.c frame_dummy and
/// __do_global_dtors_aux (frame_dummy just after it), compiler-rt's crtbegin.c __do_init and
/// __do_fini (__do_init just before it). Linked first, crtbegin's .fini_array entry comes before
/// every destructor of the program that has no priority, and its .init_array function is the
/// nearest init target to that entry's function (nothing lies between the two). So: walk
/// .fini_array in order and, for the first fini function with an .init_array target within
/// MaxCrtbeginGap bytes, take the nearest such target (the one after it on a tie, as in GCC's
/// layout). At most one entry is ever taken. It is the program's only when a nameless
/// destructor with a priority (listed before crtbegin's) is followed within MaxCrtbeginGap
/// bytes by a nameless constructor, as GCC's -O2 layout puts a unit's destructor (.text.exit)
/// right before its constructor (.text.startup); one initializer is then missed, never more.
std::optional<size_t> crtbeginInitEntry(const std::vector<report::InitFunction> &Functions,
                                        const std::vector<uint64_t> &FiniTargets,
                                        uint64_t AddrMask) {
  std::vector<std::pair<uint64_t, size_t>> Inits; // (address, index in Functions), sorted
  for (size_t I = 0; I < Functions.size(); ++I)
    if (Functions[I].Table == ".init_array" && Functions[I].Address && Functions[I].Symbol.empty())
      Inits.push_back({Functions[I].Address & AddrMask, I});
  if (Inits.empty())
    return std::nullopt;
  llvm::sort(Inits);
  for (uint64_t Fini : FiniTargets) {
    Fini &= AddrMask;
    // An init target at Fini's own address is neither: no crtbegin function is in both tables.
    auto After = std::upper_bound(Inits.begin(), Inits.end(), std::make_pair(Fini, SIZE_MAX));
    auto Before = std::lower_bound(Inits.begin(), Inits.end(), std::make_pair(Fini, size_t(0)));
    std::optional<std::pair<uint64_t, size_t>> Best; // (distance, index)
    if (After != Inits.end() && After->first - Fini <= MaxCrtbeginGap)
      Best = {After->first - Fini, After->second};
    if (Before != Inits.begin()) {
      const auto &Prev = *std::prev(Before);
      if (Fini - Prev.first <= MaxCrtbeginGap && (!Best || Fini - Prev.first < Best->first))
        Best = {Fini - Prev.first, Prev.second};
    }
    if (Best)
      return Best->second;
  }
  return std::nullopt;
}

} // namespace

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
  // .fini_array is read only for where crtbegin's fini function is (see crtbeginInitEntry).
  std::vector<TableRef> FiniTables;
  bool Relocatable = Obj.getHeader().e_type == ELF::ET_REL;
  for (size_t I = 0; I < Sections.size(); ++I) {
    const auto &K = SectionKinds[I];
    StringRef Name = SectionNames[I];
    std::string Table;
    if (K.FiniArray) {
      // In a relocatable object every section starts at 0: addresses of two sections are not
      // comparable.
      if (K.Alloc && !Relocatable)
        FiniTables.push_back(
            {".fini_array", Sections[I].sh_addr, Sections[I].sh_offset, Sections[I].sh_size});
      continue;
    }
    if (K.PreinitArray)
      Table = ".preinit_array";
    else if (K.InitArray)
      Table = ".init_array";
    else if (Name == ".ctors" || Name.starts_with(".ctors."))
      Table = ".ctors";
    else
      continue;
    if (!K.Alloc && !Relocatable)
      continue;
    Tables.push_back({Table, Sections[I].sh_addr, Sections[I].sh_offset, Sections[I].sh_size});
  }
  if (Sections.empty() && HasDynamic) {
    auto FromTags = [&](std::vector<TableRef> &Into, unsigned ArrayTag, unsigned SizeTag,
                        const char *Name) {
      if (auto A = tag(ArrayTag)) {
        uint64_t Size = tag(SizeTag).value_or(0);
        for (const Elf_Phdr &P : Phdrs)
          if (P.p_type == ELF::PT_LOAD && *A >= P.p_vaddr && *A - P.p_vaddr < P.p_filesz)
            Into.push_back({Name, *A, P.p_offset + (*A - P.p_vaddr), Size, false});
      }
    };
    FromTags(Tables, ELF::DT_PREINIT_ARRAY, ELF::DT_PREINIT_ARRAYSZ, ".preinit_array");
    FromTags(Tables, ELF::DT_INIT_ARRAY, ELF::DT_INIT_ARRAYSZ, ".init_array");
    FromTags(FiniTables, ELF::DT_FINI_ARRAY, ELF::DT_FINI_ARRAYSZ, ".fini_array");
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
  for (const auto &T : FiniTables)
    if (T.Size && T.Addr + T.Size > T.Addr)
      SlotRanges.push_back({T.Addr, T.Addr + T.Size});
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
              "or, without symbols, crtbegin's by lying next to its .fini_array function and "
              "DT_INIT by being the start of .init (without sections: by having no "
              ".eh_frame_hdr entry)";
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

  // The .fini_array functions, in table order, read as the init slots are (and as boundedly:
  // the same cap, each table once).
  std::vector<uint64_t> FiniTargets;
  std::set<std::pair<uint64_t, uint64_t>> FiniTablesRead;
  for (const auto &T : FiniTables) {
    if (!FiniTablesRead.insert({T.Offset, T.Size}).second)
      continue;
    auto Bytes = fileBytes(T.Offset, T.Size);
    if (!Bytes)
      continue;
    for (uint64_t I = 0; I < T.Size / WordSize && FiniTargets.size() < MaxInitFunctions; ++I) {
      uint64_t Target = readWord(Bytes->data() + I * WordSize);
      auto Fix = SlotFixes.find(T.Addr + I * WordSize);
      if (Fix != SlotFixes.end()) {
        if (!Fix->second.Known)
          continue;
        Target = Fix->second.Target;
      }
      if (Target != 0 && Target != uint64_t(UInt(-1)))
        FiniTargets.push_back(Target);
    }
  }

  // Name the targets: one pass over each symbol table, matching the few target addresses.
  uint64_t AddrMask = Machine == ELF::EM_ARM ? ~uint64_t(1) : ~uint64_t(0);
  std::unordered_map<uint64_t, std::pair<std::string, uint64_t>> Names;
  for (const auto &F : SI.Functions)
    if (F.Address)
      Names.try_emplace(F.Address & AddrMask);
  for (uint64_t Fini : FiniTargets)
    Names.try_emplace(Fini & AddrMask);
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

  bool CrtbeginNamed = false;
  for (auto &F : SI.Functions) {
    if (!F.Address)
      continue;
    auto &Entry = Names[F.Address & AddrMask];
    F.Symbol = Entry.first;
    F.Size = Entry.second;
    if (!F.Symbol.empty())
      F.Name = readableName(F.Symbol);
    CrtbeginNamed |= F.Symbol == "frame_dummy" || F.Symbol == "__do_init";
  }
  // Without the names, crtbegin's entry is found by where its code is. A function with a name
  // that is not crtbegin's (an exported constructor or destructor) is the program's, so it takes
  // no part: neither as crtbegin's init function nor as its fini neighbour.
  std::optional<size_t> Crtbegin;
  if (!CrtbeginNamed) {
    std::vector<uint64_t> UnnamedFini;
    for (uint64_t Fini : FiniTargets) {
      const std::string &Name = Names[Fini & AddrMask].first;
      if (Name.empty() || Name == "__do_global_dtors_aux" || Name == "__do_fini")
        UnnamedFini.push_back(Fini);
    }
    Crtbegin = crtbeginInitEntry(SI.Functions, UnnamedFini, AddrMask);
  }

  std::optional<std::vector<uint64_t>> Fdes;
  bool FdesLoaded = false;
  const Elf_Shdr *InitSection = sectionNamed(".init");
  for (size_t Index = 0; Index < SI.Functions.size(); ++Index) {
    auto &F = SI.Functions[Index];
    if (!F.Symbol.empty()) {
      if (isToolchainInitName(F.Symbol))
        F.Toolchain = true, F.ToolchainBecause = "start-file function '" + F.Symbol + "'";
    } else if (Crtbegin && Index == *Crtbegin) {
      F.Toolchain = true;
      F.ToolchainBecause = "crtbegin's frame_dummy (or compiler-rt's __do_init): the init "
                           "target next to crtbegin's .fini_array function";
    } else if (F.Table == "DT_INIT" && InitSection) {
      if (F.Address == InitSection->sh_addr)
        F.Toolchain = true, F.ToolchainBecause = "DT_INIT is the start of .init (crti's _init)";
    } else if (F.Table == "DT_INIT" && Sections.empty() && F.Address) {
      // Without section headers nothing says where .init starts; crti's _init is the one
      // DT_INIT target built without unwind tables.
      if (!FdesLoaded)
        Fdes = fdeStarts(), FdesLoaded = true;
      if (Fdes && !std::binary_search(Fdes->begin(), Fdes->end(), F.Address & AddrMask))
        F.Toolchain = true,
        F.ToolchainBecause = "DT_INIT without an unwind entry in .eh_frame_hdr (crti's _init)";
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
  if (!Fdes && FdesLoaded)
    note("no section headers and no .eh_frame_hdr search table: DT_INIT cannot be told apart "
         "from the program's initializers and is counted");
}

COLDSTART_ELF_READER_INSTANTIATE(readInitializers)

} // namespace coldstart::inspect::elf
