# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first so that the restore layer is reused while only source files change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Quickscan.Domain/Quickscan.Domain.csproj src/Quickscan.Domain/
COPY src/Quickscan.Web/Quickscan.Web.csproj src/Quickscan.Web/
RUN dotnet restore src/Quickscan.Web/Quickscan.Web.csproj
COPY src/ src/
RUN dotnet publish src/Quickscan.Web -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl only for the health checks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's non-root `app` user, by UID so that runAsNonRoot checks can verify it.
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "Quickscan.Web.dll"]
