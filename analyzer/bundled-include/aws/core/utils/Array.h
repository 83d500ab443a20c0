// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <cassert>
#include <cstddef>

namespace Aws {
namespace Utils {

// A fixed-size owned buffer (ByteBuffer is the SDK's type for blobs: KMS, Kinesis, Firehose).
template <typename T> class Array {
public:
  Array(std::size_t arraySize = 0);
  Array(const T *arrayToCopy, std::size_t arraySize);
  Array(const Array &other);
  Array(Array &&other) noexcept;
  Array &operator=(const Array &other);
  Array &operator=(Array &&other) noexcept;
  virtual ~Array();

  bool operator==(const Array &other) const;
  bool operator!=(const Array &other) const;
  T const &GetItem(std::size_t index) const;
  T &GetItem(std::size_t index);
  T &operator[](std::size_t index);
  T const &operator[](std::size_t index) const;
  std::size_t GetLength() const;
  T *GetUnderlyingData() const;
};

using ByteBuffer = Array<unsigned char>;
using CryptoBuffer = Array<unsigned char>;

} // namespace Utils
} // namespace Aws
