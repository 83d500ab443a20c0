// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace STS {
namespace Model {

class Credentials {
public:
  Credentials();
  const Aws::String &GetAccessKeyId() const;
  void SetAccessKeyId(const Aws::String &value);
  Credentials &WithAccessKeyId(const Aws::String &value);
  const Aws::String &GetSecretAccessKey() const;
  void SetSecretAccessKey(const Aws::String &value);
  Credentials &WithSecretAccessKey(const Aws::String &value);
  const Aws::String &GetSessionToken() const;
  void SetSessionToken(const Aws::String &value);
  Credentials &WithSessionToken(const Aws::String &value);
  const Aws::Utils::DateTime &GetExpiration() const;
  void SetExpiration(const Aws::Utils::DateTime &value);
  Credentials &WithExpiration(const Aws::Utils::DateTime &value);
};

} // namespace Model
} // namespace STS
} // namespace Aws
