// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/utils/memory/stl/AWSString.h>

#include <memory>

namespace Aws {
namespace STS {
class STSClient;
} // namespace STS

namespace Auth {

static const int DEFAULT_CREDS_LOAD_FREQ_SECONDS = 60 * 15;

// Calls STS AssumeRole and caches the role's credentials until they are about to expire.
class STSAssumeRoleCredentialsProvider : public AWSCredentialsProvider {
public:
  STSAssumeRoleCredentialsProvider(const Aws::String &roleArn, const Aws::String &sessionName,
                                   const Aws::String &externalId = Aws::String(),
                                   int loadFrequency = DEFAULT_CREDS_LOAD_FREQ_SECONDS,
                                   const std::shared_ptr<STS::STSClient> &stsClient = nullptr);
  AWSCredentials GetAWSCredentials() override;

protected:
  void Reload() override;
};

} // namespace Auth
} // namespace Aws
