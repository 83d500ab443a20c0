// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Auth {

class AWSCredentials {
public:
  AWSCredentials();
  AWSCredentials(const Aws::String &awsAccessKeyId, const Aws::String &awsSecretKey);
  AWSCredentials(const Aws::String &awsAccessKeyId, const Aws::String &awsSecretKey,
                 const Aws::String &sessionToken,
                 Aws::Utils::DateTime expiration = Aws::Utils::DateTime());

  bool operator==(const AWSCredentials &other) const;
  bool operator!=(const AWSCredentials &other) const;
  bool IsEmpty() const;
  bool IsExpired() const;
  bool IsExpiredOrEmpty() const;
  const Aws::String &GetAWSAccessKeyId() const;
  const Aws::String &GetAWSSecretKey() const;
  const Aws::String &GetSessionToken() const;
  Aws::Utils::DateTime GetExpiration() const;
  void SetAWSAccessKeyId(const Aws::String &accessKeyId);
  void SetAWSSecretKey(const Aws::String &secretKey);
  void SetSessionToken(const Aws::String &sessionToken);
  void SetExpiration(Aws::Utils::DateTime expiration);
};

} // namespace Auth
} // namespace Aws
