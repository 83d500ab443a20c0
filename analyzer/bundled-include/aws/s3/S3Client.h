// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSAuthSigner.h>
#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/s3/S3ServiceClientModel.h>
#include <aws/s3/model/DeleteObjectRequest.h>
#include <aws/s3/model/GetObjectRequest.h>
#include <aws/s3/model/HeadObjectRequest.h>
#include <aws/s3/model/ListObjectsV2Request.h>
#include <aws/s3/model/PutObjectRequest.h>

#include <memory>

namespace Aws {
namespace S3 {
// Amazon S3. Building one builds an HTTP client, a signer and a credentials chain.
class S3Client : public Aws::Client::AWSXMLClient {
public:
  using BASECLASS = Aws::Client::AWSXMLClient;
  using ClientConfigurationType = S3ClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  S3Client(const S3ClientConfiguration &clientConfiguration = S3ClientConfiguration(),
           std::shared_ptr<S3EndpointProviderBase> endpointProvider = nullptr);
  S3Client(const Aws::Auth::AWSCredentials &credentials,
           std::shared_ptr<S3EndpointProviderBase> endpointProvider = nullptr,
           const S3ClientConfiguration &clientConfiguration = S3ClientConfiguration());
  S3Client(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
           std::shared_ptr<S3EndpointProviderBase> endpointProvider = nullptr,
           const S3ClientConfiguration &clientConfiguration = S3ClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  S3Client(const Aws::Client::ClientConfiguration &clientConfiguration,
           Aws::Client::AWSAuthV4Signer::PayloadSigningPolicy signPayloads =
               Aws::Client::AWSAuthV4Signer::PayloadSigningPolicy::Never,
           bool useVirtualAddressing = true,
           Aws::S3::US_EAST_1_REGIONAL_ENDPOINT_OPTION USEast1RegionalEndPointOption =
               Aws::S3::US_EAST_1_REGIONAL_ENDPOINT_OPTION::NOT_SET);
  S3Client(const Aws::Auth::AWSCredentials &credentials,
           const Aws::Client::ClientConfiguration &clientConfiguration,
           Aws::Client::AWSAuthV4Signer::PayloadSigningPolicy signPayloads =
               Aws::Client::AWSAuthV4Signer::PayloadSigningPolicy::Never,
           bool useVirtualAddressing = true,
           Aws::S3::US_EAST_1_REGIONAL_ENDPOINT_OPTION USEast1RegionalEndPointOption =
               Aws::S3::US_EAST_1_REGIONAL_ENDPOINT_OPTION::NOT_SET);
  S3Client(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
           const Aws::Client::ClientConfiguration &clientConfiguration,
           Aws::Client::AWSAuthV4Signer::PayloadSigningPolicy signPayloads =
               Aws::Client::AWSAuthV4Signer::PayloadSigningPolicy::Never,
           bool useVirtualAddressing = true,
           Aws::S3::US_EAST_1_REGIONAL_ENDPOINT_OPTION USEast1RegionalEndPointOption =
               Aws::S3::US_EAST_1_REGIONAL_ENDPOINT_OPTION::NOT_SET);
  ~S3Client() override;

  virtual Model::GetObjectOutcome GetObject(const Model::GetObjectRequest &request) const;
  template <typename GetObjectRequestT = Model::GetObjectRequest>
  Model::GetObjectOutcomeCallable GetObjectCallable(const GetObjectRequestT &request) const;
  template <typename GetObjectRequestT = Model::GetObjectRequest>
  void GetObjectAsync(
      const GetObjectRequestT &request, const GetObjectResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::PutObjectOutcome PutObject(const Model::PutObjectRequest &request) const;
  template <typename PutObjectRequestT = Model::PutObjectRequest>
  Model::PutObjectOutcomeCallable PutObjectCallable(const PutObjectRequestT &request) const;
  template <typename PutObjectRequestT = Model::PutObjectRequest>
  void PutObjectAsync(
      const PutObjectRequestT &request, const PutObjectResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::ListObjectsV2Outcome
  ListObjectsV2(const Model::ListObjectsV2Request &request) const;
  template <typename ListObjectsV2RequestT = Model::ListObjectsV2Request>
  Model::ListObjectsV2OutcomeCallable
  ListObjectsV2Callable(const ListObjectsV2RequestT &request) const;
  template <typename ListObjectsV2RequestT = Model::ListObjectsV2Request>
  void ListObjectsV2Async(
      const ListObjectsV2RequestT &request, const ListObjectsV2ResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::HeadObjectOutcome HeadObject(const Model::HeadObjectRequest &request) const;
  template <typename HeadObjectRequestT = Model::HeadObjectRequest>
  Model::HeadObjectOutcomeCallable HeadObjectCallable(const HeadObjectRequestT &request) const;
  template <typename HeadObjectRequestT = Model::HeadObjectRequest>
  void HeadObjectAsync(
      const HeadObjectRequestT &request, const HeadObjectResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::DeleteObjectOutcome DeleteObject(const Model::DeleteObjectRequest &request) const;
  template <typename DeleteObjectRequestT = Model::DeleteObjectRequest>
  Model::DeleteObjectOutcomeCallable
  DeleteObjectCallable(const DeleteObjectRequestT &request) const;
  template <typename DeleteObjectRequestT = Model::DeleteObjectRequest>
  void DeleteObjectAsync(
      const DeleteObjectRequestT &request, const DeleteObjectResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace S3
} // namespace Aws
