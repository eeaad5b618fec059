# syntax=docker/dockerfile:1
# The sidecarguard executable in a container: build with the .NET SDK, run on the ASP.NET runtime as a non-root user.
#   docker build -t sidecarguard .
#   docker run -p 50051:50051 -p 50052:50052 -v sidecarguard-data:/data sidecarguard
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props README.md ./
COPY src/Directory.Build.props src/
COPY protos/ protos/
COPY src/SidecarGuard.Abstractions/SidecarGuard.Abstractions.csproj src/SidecarGuard.Abstractions/
COPY src/SidecarGuard.Contracts/SidecarGuard.Contracts.csproj src/SidecarGuard.Contracts/
COPY src/SidecarGuard.Core/SidecarGuard.Core.csproj src/SidecarGuard.Core/
COPY src/SidecarGuard.Storage.Sqlite/SidecarGuard.Storage.Sqlite.csproj src/SidecarGuard.Storage.Sqlite/
COPY src/SidecarGuard.Storage.Redis/SidecarGuard.Storage.Redis.csproj src/SidecarGuard.Storage.Redis/
COPY src/SidecarGuard.Judges/SidecarGuard.Judges.csproj src/SidecarGuard.Judges/
COPY src/SidecarGuard.Semantic/SidecarGuard.Semantic.csproj src/SidecarGuard.Semantic/
COPY src/SidecarGuard.Sidecar/SidecarGuard.Sidecar.csproj src/SidecarGuard.Sidecar/
RUN dotnet restore src/SidecarGuard.Sidecar/SidecarGuard.Sidecar.csproj
COPY src/ src/
RUN dotnet publish src/SidecarGuard.Sidecar/SidecarGuard.Sidecar.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown app:app /data
USER app
# Inside a container the sidecar must listen on every interface; publish the ports only where callers need them.
ENV SIDECARGUARD_LISTEN=0.0.0.0:50051 \
    SIDECARGUARD_HTTP_LISTEN=0.0.0.0:50052 \
    SIDECARGUARD_DB=/data/sidecarguard.db \
    DOTNET_gcServer=0
VOLUME /data
EXPOSE 50051 50052
ENTRYPOINT ["dotnet", "/app/sidecarguard.dll", "serve"]
