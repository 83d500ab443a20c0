// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/kms/model/EncryptionAlgorithmSpec.h>

namespace Aws {
namespace KMS {
namespace Model {

class EncryptResult {
public:
  EncryptResult();
  const Aws::Utils::ByteBuffer &GetCiphertextBlob() const;
  const Aws::String &GetKeyId() const;
  EncryptionAlgorithmSpec GetEncryptionAlgorithm() const;
};

} // namespace Model
} // namespace KMS
} // namespace Aws
