// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/utils/memory/stl/AWSString.h>

#include <memory>

namespace Aws {
namespace Auth {

constexpr int REFRESH_THRESHOLD = 1000 * 60 * 5;

Aws::String GetConfigProfileFilename();
Aws::String GetConfigProfileName();

// Where a client gets its credentials; each provider caches what it resolves only as long as
// it lives.
class AWSCredentialsProvider {
public:
  AWSCredentialsProvider();
  virtual ~AWSCredentialsProvider() = default;
  virtual AWSCredentials GetAWSCredentials() = 0;

protected:
  virtual bool IsTimeToRefresh(long reloadFrequency);
  virtual void Reload();
};

class AnonymousAWSCredentialsProvider : public AWSCredentialsProvider {
public:
  AWSCredentials GetAWSCredentials() override;
};

class SimpleAWSCredentialsProvider : public AWSCredentialsProvider {
public:
  SimpleAWSCredentialsProvider(const Aws::String &awsAccessKeyId,
                               const Aws::String &awsSecretAccessKey,
                               const Aws::String &sessionToken = "");
  SimpleAWSCredentialsProvider(const AWSCredentials &credentials);
  AWSCredentials GetAWSCredentials() override;
};

class EnvironmentAWSCredentialsProvider : public AWSCredentialsProvider {
public:
  AWSCredentials GetAWSCredentials() override;
};

class ProfileConfigFileAWSCredentialsProvider : public AWSCredentialsProvider {
public:
  ProfileConfigFileAWSCredentialsProvider(long refreshRateMs = REFRESH_THRESHOLD);
  ProfileConfigFileAWSCredentialsProvider(const char *profile,
                                          long refreshRateMs = REFRESH_THRESHOLD);
  AWSCredentials GetAWSCredentials() override;
  static Aws::String GetCredentialsProfileFilename();
  static Aws::String GetProfileDirectory();
};

// Loads credentials from the EC2 instance metadata service.
class InstanceProfileCredentialsProvider : public AWSCredentialsProvider {
public:
  InstanceProfileCredentialsProvider(long refreshRateMs = REFRESH_THRESHOLD);
  AWSCredentials GetAWSCredentials() override;
};

class ProcessCredentialsProvider : public AWSCredentialsProvider {
public:
  ProcessCredentialsProvider();
  ProcessCredentialsProvider(const Aws::String &profile);
  AWSCredentials GetAWSCredentials() override;
};

} // namespace Auth
} // namespace Aws

// The chain too, so that code that reaches it through a transitive include of the SDK still
// compiles (the chain's header includes this one; both are include-once).
#include <aws/core/auth/AWSCredentialsProviderChain.h>
