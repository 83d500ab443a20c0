// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>

namespace Aws {
namespace SecretsManager {
namespace Model {

class GetSecretValueResult {
public:
  GetSecretValueResult();
  const Aws::String &GetARN() const;
  const Aws::String &GetName() const;
  const Aws::String &GetVersionId() const;
  const Aws::Utils::ByteBuffer &GetSecretBinary() const;
  const Aws::String &GetSecretString() const;
  const Aws::Vector<Aws::String> &GetVersionStages() const;
  const Aws::Utils::DateTime &GetCreatedDate() const;
};

} // namespace Model
} // namespace SecretsManager
} // namespace Aws
