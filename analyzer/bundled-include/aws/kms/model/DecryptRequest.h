// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/kms/KMSRequest.h>
#include <aws/kms/model/EncryptionAlgorithmSpec.h>

namespace Aws {
namespace KMS {
namespace Model {

class DecryptRequest : public KMSRequest {
public:
  DecryptRequest();
  const char *GetServiceRequestName() const override;
  const Aws::Utils::ByteBuffer &GetCiphertextBlob() const;
  void SetCiphertextBlob(const Aws::Utils::ByteBuffer &value);
  DecryptRequest &WithCiphertextBlob(const Aws::Utils::ByteBuffer &value);
  const Aws::Map<Aws::String, Aws::String> &GetEncryptionContext() const;
  void SetEncryptionContext(const Aws::Map<Aws::String, Aws::String> &value);
  DecryptRequest &WithEncryptionContext(const Aws::Map<Aws::String, Aws::String> &value);
  DecryptRequest &AddEncryptionContext(const Aws::String &key, const Aws::String &value);
  const Aws::Vector<Aws::String> &GetGrantTokens() const;
  void SetGrantTokens(const Aws::Vector<Aws::String> &value);
  DecryptRequest &WithGrantTokens(const Aws::Vector<Aws::String> &value);
  DecryptRequest &AddGrantTokens(const Aws::String &value);
  const Aws::String &GetKeyId() const;
  void SetKeyId(const Aws::String &value);
  DecryptRequest &WithKeyId(const Aws::String &value);
  EncryptionAlgorithmSpec GetEncryptionAlgorithm() const;
  void SetEncryptionAlgorithm(EncryptionAlgorithmSpec value);
  DecryptRequest &WithEncryptionAlgorithm(EncryptionAlgorithmSpec value);
  bool GetDryRun() const;
  void SetDryRun(bool value);
  DecryptRequest &WithDryRun(bool value);
};

} // namespace Model
} // namespace KMS
} // namespace Aws
