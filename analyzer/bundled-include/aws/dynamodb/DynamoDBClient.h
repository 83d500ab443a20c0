// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/dynamodb/DynamoDBServiceClientModel.h>
#include <aws/dynamodb/model/GetItemRequest.h>
#include <aws/dynamodb/model/PutItemRequest.h>
#include <aws/dynamodb/model/QueryRequest.h>
#include <aws/dynamodb/model/ScanRequest.h>
#include <aws/dynamodb/model/UpdateItemRequest.h>

#include <memory>

namespace Aws {
namespace DynamoDB {
// Amazon DynamoDB. Building one builds an HTTP client, a signer and a credentials chain.
class DynamoDBClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = DynamoDBClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  DynamoDBClient(
      const DynamoDBClientConfiguration &clientConfiguration = DynamoDBClientConfiguration(),
      std::shared_ptr<DynamoDBEndpointProviderBase> endpointProvider = nullptr);
  DynamoDBClient(
      const Aws::Auth::AWSCredentials &credentials,
      std::shared_ptr<DynamoDBEndpointProviderBase> endpointProvider = nullptr,
      const DynamoDBClientConfiguration &clientConfiguration = DynamoDBClientConfiguration());
  DynamoDBClient(
      const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
      std::shared_ptr<DynamoDBEndpointProviderBase> endpointProvider = nullptr,
      const DynamoDBClientConfiguration &clientConfiguration = DynamoDBClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  DynamoDBClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  DynamoDBClient(const Aws::Auth::AWSCredentials &credentials,
                 const Aws::Client::ClientConfiguration &clientConfiguration);
  DynamoDBClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
                 const Aws::Client::ClientConfiguration &clientConfiguration);
  ~DynamoDBClient() override;

  virtual Model::GetItemOutcome GetItem(const Model::GetItemRequest &request) const;
  template <typename GetItemRequestT = Model::GetItemRequest>
  Model::GetItemOutcomeCallable GetItemCallable(const GetItemRequestT &request) const;
  template <typename GetItemRequestT = Model::GetItemRequest>
  void GetItemAsync(
      const GetItemRequestT &request, const GetItemResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::PutItemOutcome PutItem(const Model::PutItemRequest &request) const;
  template <typename PutItemRequestT = Model::PutItemRequest>
  Model::PutItemOutcomeCallable PutItemCallable(const PutItemRequestT &request) const;
  template <typename PutItemRequestT = Model::PutItemRequest>
  void PutItemAsync(
      const PutItemRequestT &request, const PutItemResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::QueryOutcome Query(const Model::QueryRequest &request) const;
  template <typename QueryRequestT = Model::QueryRequest>
  Model::QueryOutcomeCallable QueryCallable(const QueryRequestT &request) const;
  template <typename QueryRequestT = Model::QueryRequest>
  void
  QueryAsync(const QueryRequestT &request, const QueryResponseReceivedHandler &handler,
             const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::UpdateItemOutcome UpdateItem(const Model::UpdateItemRequest &request) const;
  template <typename UpdateItemRequestT = Model::UpdateItemRequest>
  Model::UpdateItemOutcomeCallable UpdateItemCallable(const UpdateItemRequestT &request) const;
  template <typename UpdateItemRequestT = Model::UpdateItemRequest>
  void UpdateItemAsync(
      const UpdateItemRequestT &request, const UpdateItemResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::ScanOutcome Scan(const Model::ScanRequest &request) const;
  template <typename ScanRequestT = Model::ScanRequest>
  Model::ScanOutcomeCallable ScanCallable(const ScanRequestT &request) const;
  template <typename ScanRequestT = Model::ScanRequest>
  void
  ScanAsync(const ScanRequestT &request, const ScanResponseReceivedHandler &handler,
            const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace DynamoDB
} // namespace Aws
