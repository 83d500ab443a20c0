// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace Client {

class AWSAuthSigner {
public:
  virtual ~AWSAuthSigner() = default;
};

class AWSAuthV4Signer : public AWSAuthSigner {
public:
  enum class PayloadSigningPolicy { RequestDependent, Always, Never };
  ~AWSAuthV4Signer() override;
};

} // namespace Client
} // namespace Aws
