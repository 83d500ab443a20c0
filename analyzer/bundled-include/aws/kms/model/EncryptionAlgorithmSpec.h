// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace KMS {
namespace Model {

enum class EncryptionAlgorithmSpec {
  NOT_SET,
  SYMMETRIC_DEFAULT,
  RSAES_OAEP_SHA_1,
  RSAES_OAEP_SHA_256,
  SM2PKE
};

} // namespace Model
} // namespace KMS
} // namespace Aws
