// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSStreamFwd.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Utils {

class HashingUtils {
public:
  static Aws::String Base64Encode(const ByteBuffer &byteBuffer);
  static ByteBuffer Base64Decode(const Aws::String &);
  static Aws::String HexEncode(const ByteBuffer &byteBuffer);
  static ByteBuffer HexDecode(const Aws::String &str);
  static ByteBuffer CalculateSHA256HMAC(const ByteBuffer &toSign, const ByteBuffer &secret);
  static ByteBuffer CalculateSHA256(const Aws::String &str);
  static ByteBuffer CalculateSHA256(Aws::IOStream &stream);
  static ByteBuffer CalculateMD5(const Aws::String &str);
  static ByteBuffer CalculateMD5(Aws::IOStream &stream);
  static int HashString(const char *strToHash);
};

} // namespace Utils
} // namespace Aws
