// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/dynamodb/DynamoDBErrors.h>
#include <aws/dynamodb/model/GetItemResult.h>
#include <aws/dynamodb/model/PutItemResult.h>
#include <aws/dynamodb/model/QueryResult.h>
#include <aws/dynamodb/model/ScanResult.h>
#include <aws/dynamodb/model/UpdateItemResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace DynamoDB {
namespace Endpoint {
class DynamoDBEndpointProviderBase;
} // namespace Endpoint

using DynamoDBClientConfiguration = Aws::Client::GenericClientConfiguration;
using DynamoDBEndpointProviderBase = Endpoint::DynamoDBEndpointProviderBase;

class DynamoDBClient;

namespace Model {
class GetItemRequest;
class PutItemRequest;
class QueryRequest;
class UpdateItemRequest;
class ScanRequest;

using GetItemOutcome = Aws::Utils::Outcome<GetItemResult, DynamoDB::DynamoDBError>;
using GetItemOutcomeCallable = std::future<GetItemOutcome>;
using PutItemOutcome = Aws::Utils::Outcome<PutItemResult, DynamoDB::DynamoDBError>;
using PutItemOutcomeCallable = std::future<PutItemOutcome>;
using QueryOutcome = Aws::Utils::Outcome<QueryResult, DynamoDB::DynamoDBError>;
using QueryOutcomeCallable = std::future<QueryOutcome>;
using UpdateItemOutcome = Aws::Utils::Outcome<UpdateItemResult, DynamoDB::DynamoDBError>;
using UpdateItemOutcomeCallable = std::future<UpdateItemOutcome>;
using ScanOutcome = Aws::Utils::Outcome<ScanResult, DynamoDB::DynamoDBError>;
using ScanOutcomeCallable = std::future<ScanOutcome>;
} // namespace Model

using GetItemResponseReceivedHandler = std::function<void(
    const DynamoDBClient *, const Model::GetItemRequest &, const Model::GetItemOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using PutItemResponseReceivedHandler = std::function<void(
    const DynamoDBClient *, const Model::PutItemRequest &, const Model::PutItemOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using QueryResponseReceivedHandler = std::function<void(
    const DynamoDBClient *, const Model::QueryRequest &, const Model::QueryOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using UpdateItemResponseReceivedHandler = std::function<void(
    const DynamoDBClient *, const Model::UpdateItemRequest &, const Model::UpdateItemOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using ScanResponseReceivedHandler = std::function<void(
    const DynamoDBClient *, const Model::ScanRequest &, const Model::ScanOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace DynamoDB
} // namespace Aws
