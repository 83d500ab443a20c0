// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/sqs/SQSServiceClientModel.h>
#include <aws/sqs/model/DeleteMessageRequest.h>
#include <aws/sqs/model/ReceiveMessageRequest.h>
#include <aws/sqs/model/SendMessageRequest.h>

#include <memory>

namespace Aws {
namespace SQS {
// Amazon SQS.
class SQSClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = SQSClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  SQSClient(const SQSClientConfiguration &clientConfiguration = SQSClientConfiguration(),
            std::shared_ptr<SQSEndpointProviderBase> endpointProvider = nullptr);
  SQSClient(const Aws::Auth::AWSCredentials &credentials,
            std::shared_ptr<SQSEndpointProviderBase> endpointProvider = nullptr,
            const SQSClientConfiguration &clientConfiguration = SQSClientConfiguration());
  SQSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            std::shared_ptr<SQSEndpointProviderBase> endpointProvider = nullptr,
            const SQSClientConfiguration &clientConfiguration = SQSClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  SQSClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  SQSClient(const Aws::Auth::AWSCredentials &credentials,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  SQSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  ~SQSClient() override;

  virtual Model::SendMessageOutcome SendMessage(const Model::SendMessageRequest &request) const;
  template <typename SendMessageRequestT = Model::SendMessageRequest>
  Model::SendMessageOutcomeCallable SendMessageCallable(const SendMessageRequestT &request) const;
  template <typename SendMessageRequestT = Model::SendMessageRequest>
  void SendMessageAsync(
      const SendMessageRequestT &request, const SendMessageResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::ReceiveMessageOutcome
  ReceiveMessage(const Model::ReceiveMessageRequest &request) const;
  template <typename ReceiveMessageRequestT = Model::ReceiveMessageRequest>
  Model::ReceiveMessageOutcomeCallable
  ReceiveMessageCallable(const ReceiveMessageRequestT &request) const;
  template <typename ReceiveMessageRequestT = Model::ReceiveMessageRequest>
  void ReceiveMessageAsync(
      const ReceiveMessageRequestT &request, const ReceiveMessageResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::DeleteMessageOutcome
  DeleteMessage(const Model::DeleteMessageRequest &request) const;
  template <typename DeleteMessageRequestT = Model::DeleteMessageRequest>
  Model::DeleteMessageOutcomeCallable
  DeleteMessageCallable(const DeleteMessageRequestT &request) const;
  template <typename DeleteMessageRequestT = Model::DeleteMessageRequest>
  void DeleteMessageAsync(
      const DeleteMessageRequestT &request, const DeleteMessageResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace SQS
} // namespace Aws
