// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <memory>
#include <utility>

namespace Aws {

// The SDK's allocation helpers: a tag names the allocation for a custom memory manager.
template <typename T, typename... ArgTypes> T *New(const char *allocationTag, ArgTypes &&...args);
template <typename T> void Delete(T *pointerToT);
template <typename T> T *NewArray(std::size_t amount, const char *allocationTag);
template <typename T> void DeleteArray(T *pointerToTArray);

template <typename T> struct Deleter {
  Deleter() = default;
  template <typename U> Deleter(const Deleter<U> &);
  void operator()(T *pointerToT) const;
};
template <typename T> using UniquePtr = std::unique_ptr<T, Deleter<T>>;

template <typename T, typename... ArgTypes>
UniquePtr<T> MakeUnique(const char *allocationTag, ArgTypes &&...args);

template <typename T, typename... ArgTypes>
std::shared_ptr<T> MakeShared(const char *allocationTag, ArgTypes &&...args);

} // namespace Aws
