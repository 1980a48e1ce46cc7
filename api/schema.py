"""drf-spectacular: the bearer-token scheme of BearerTokenAuthentication and the documented
error answers in the OpenAPI schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No token, or a revoked or unknown one."),
    404: OpenApiResponse(ErrorSerializer, description="No such process in the organisation."),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests for this token."),
}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API token: `Authorization: Bearer <key>`.",
        }


class ApiAutoSchema(AutoSchema):
    """Documents the error answers every endpoint can give next to its 200."""

    def get_response_serializers(self):
        ok = super().get_response_serializers()
        if isinstance(ok, dict):
            return ok
        return {200: ok, **ERRORS}
