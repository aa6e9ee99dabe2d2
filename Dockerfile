# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first so that the restore layer is reused while only source files change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Quickscan.Domain/Quickscan.Domain.csproj src/Quickscan.Domain/
COPY src/Quickscan.Web/Quickscan.Web.csproj src/Quickscan.Web/
RUN dotnet restore src/Quickscan.Web/Quickscan.Web.csproj
COPY src/ src/
RUN dotnet publish src/Quickscan.Web -c Release -o /app --no-restore

# Chiseled: no shell, no package manager, non-root by default. The "extra" variant carries ICU and the
# time-zone database, which the app needs for Dutch/English formatting and Europe/Amsterdam dates.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
# The certificate that encrypts the Data Protection keys, mounted as secrets (docker-compose.yml); in
# Production the app does not start without it.
ENV Quickscan__DataProtection__CertificatePath=/run/secrets/dataprotection.crt \
    Quickscan__DataProtection__CertificateKeyPath=/run/secrets/dataprotection.key
EXPOSE 8080
# The image's non-root `app` user, by UID so that runAsNonRoot checks can verify it.
USER $APP_UID
# The app probes itself (`healthcheck` command): no curl or shell in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "Quickscan.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "Quickscan.Web.dll"]
