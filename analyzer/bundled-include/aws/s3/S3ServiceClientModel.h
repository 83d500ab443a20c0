// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/utils/Outcome.h>
#include <aws/s3/S3ClientConfiguration.h>
#include <aws/s3/S3Errors.h>
#include <aws/s3/model/DeleteObjectResult.h>
#include <aws/s3/model/GetObjectResult.h>
#include <aws/s3/model/HeadObjectResult.h>
#include <aws/s3/model/ListObjectsV2Result.h>
#include <aws/s3/model/PutObjectResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace S3 {
namespace Endpoint {
class S3EndpointProviderBase;
} // namespace Endpoint

using S3EndpointProviderBase = Endpoint::S3EndpointProviderBase;

class S3Client;

namespace Model {
class GetObjectRequest;
class PutObjectRequest;
class ListObjectsV2Request;
class HeadObjectRequest;
class DeleteObjectRequest;

using GetObjectOutcome = Aws::Utils::Outcome<GetObjectResult, S3::S3Error>;
using GetObjectOutcomeCallable = std::future<GetObjectOutcome>;
using PutObjectOutcome = Aws::Utils::Outcome<PutObjectResult, S3::S3Error>;
using PutObjectOutcomeCallable = std::future<PutObjectOutcome>;
using ListObjectsV2Outcome = Aws::Utils::Outcome<ListObjectsV2Result, S3::S3Error>;
using ListObjectsV2OutcomeCallable = std::future<ListObjectsV2Outcome>;
using HeadObjectOutcome = Aws::Utils::Outcome<HeadObjectResult, S3::S3Error>;
using HeadObjectOutcomeCallable = std::future<HeadObjectOutcome>;
using DeleteObjectOutcome = Aws::Utils::Outcome<DeleteObjectResult, S3::S3Error>;
using DeleteObjectOutcomeCallable = std::future<DeleteObjectOutcome>;
} // namespace Model

using GetObjectResponseReceivedHandler =
    std::function<void(const S3Client *, const Model::GetObjectRequest &, Model::GetObjectOutcome,
                       const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using PutObjectResponseReceivedHandler =
    std::function<void(const S3Client *, const Model::PutObjectRequest &, Model::PutObjectOutcome,
                       const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using ListObjectsV2ResponseReceivedHandler = std::function<void(
    const S3Client *, const Model::ListObjectsV2Request &, const Model::ListObjectsV2Outcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using HeadObjectResponseReceivedHandler = std::function<void(
    const S3Client *, const Model::HeadObjectRequest &, const Model::HeadObjectOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using DeleteObjectResponseReceivedHandler = std::function<void(
    const S3Client *, const Model::DeleteObjectRequest &, const Model::DeleteObjectOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace S3
} // namespace Aws
