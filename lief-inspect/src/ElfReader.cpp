// Fills report::BinaryReport from one ELF image. Every read goes through a bounds check against
// the image (llvm::object validates the header, program and section header tables; the helpers
// in ElfReader.h check every other range), so a corrupt file yields an error or a note, never a
// crash. Work and memory are linear in the tables actually read; nothing is copied out of the
// mapping except the strings the report keeps. This file reads the identity, the dynamic
// section and the stack; the other tables (symbols, versions, relocations, sizes,
// initializers) have a file each.
#include "ElfReader.h"

namespace coldstart::inspect {

namespace elf {

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

} // namespace elf

using namespace llvm;
using namespace llvm::object;
using elf::ElfReader;
using elf::makeError;
using report::BinaryReport;

namespace {

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
  return dynamicSummaryOf(Out);
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

DynamicSummary dynamicSummaryOf(const report::BinaryReport &Binary) {
  DynamicSummary Summary;
  Summary.Arch = Binary.Arch;
  Summary.ClassBits = Binary.ClassBits;
  Summary.Needed = Binary.Dynamic.Needed;
  Summary.Rpath = Binary.Dynamic.Rpath;
  Summary.Runpath = Binary.Dynamic.Runpath;
  return Summary;
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
