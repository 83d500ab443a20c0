// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentialsProvider.h>

#include <aws/core/utils/memory/stl/AWSVector.h>

#include <memory>

namespace Aws {
namespace Auth {

// Asks each provider in turn and returns the first non-empty credentials.
class AWSCredentialsProviderChain : public AWSCredentialsProvider {
public:
  ~AWSCredentialsProviderChain() override = default;
  AWSCredentials GetAWSCredentials() override;
  const Aws::Vector<std::shared_ptr<AWSCredentialsProvider>> &GetProviders();

protected:
  AWSCredentialsProviderChain() = default;
  void AddProvider(const std::shared_ptr<AWSCredentialsProvider> &provider);
};

// The environment, the shared config and credentials files, process credentials, the
// container endpoint and the instance metadata service, in that order.
class DefaultAWSCredentialsProviderChain : public AWSCredentialsProviderChain {
public:
  DefaultAWSCredentialsProviderChain();
  DefaultAWSCredentialsProviderChain(const DefaultAWSCredentialsProviderChain &chain);
};

} // namespace Auth
} // namespace Aws
