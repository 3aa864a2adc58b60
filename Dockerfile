# syntax=docker/dockerfile:1
# Build stage: the SDK compiles the protos and publishes the server.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY rules/ rules/
COPY src/ src/
RUN dotnet publish src/Moderation.Server/Moderation.Server.csproj -c Release -o /app

# Runtime stage: ASP.NET runtime only, running as the image's unprivileged 'app' user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:5000
ENV Console__Url=http://0.0.0.0:5080
EXPOSE 5000 5080
USER app
ENTRYPOINT ["dotnet", "Moderation.Server.dll"]
