using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>A key recognised from an earlier call is accepted as a hashed one is, and nothing near it is.</summary>
public sealed class ApiKeyStoreTests
{
    private static readonly string SiteKey = ApiKeyStore.NewKey();
    private static readonly string ModeratorKey = ApiKeyStore.NewKey();

    private readonly ApiKeyStore _store = new(
        [
            new ApiKeyOptions { Name = "site-backend", Role = Roles.Site, Sha256 = Convert.ToHexString(ApiKeyStore.Digest(SiteKey)) },
            new ApiKeyOptions { Name = "mod-alice", Role = Roles.Moderator, Sha256 = Convert.ToHexString(ApiKeyStore.Digest(ModeratorKey)) },
        ],
        developmentKey: null);

    [Fact]
    public void Find_AKeyPresentedAgain_FindsTheSameHolderEveryTime()
    {
        for (int call = 0; call < 3; call++)
        {
            Assert.Equal(("site-backend", Roles.Site), _store.Find(SiteKey));
            Assert.Equal(("mod-alice", Roles.Moderator), _store.Find(ModeratorKey));
        }
    }

    [Fact]
    public void Find_KeysNearARecognisedOne_FindsNone()
    {
        Assert.NotNull(_store.Find(SiteKey));

        Assert.Null(_store.Find(SiteKey.AsSpan(0, SiteKey.Length - 1)));
        Assert.Null(_store.Find(SiteKey + "x"));
        Assert.Null(_store.Find(SiteKey[..^1] + (SiteKey[^1] == 'a' ? 'b' : 'a')));
        Assert.Null(_store.Find(SiteKey.ToUpperInvariant()));
        Assert.Null(_store.Find(""));
    }

    [Fact]
    public void Find_AfterManyWrongKeys_StillFindsEveryKey()
    {
        for (int i = 0; i < 1_000; i++)
        {
            Assert.Null(_store.Find(ApiKeyStore.NewKey()));
        }

        Assert.Equal(("site-backend", Roles.Site), _store.Find(SiteKey));
        Assert.Equal(("mod-alice", Roles.Moderator), _store.Find(ModeratorKey));
    }

    [Fact]
    public void Find_AKeyLongerThanTheStackBuffer_IsHashedAndFound()
    {
        string longKey = "mod_" + new string('k', 2_000);
        var store = new ApiKeyStore([new ApiKeyOptions { Name = "long", Role = Roles.Admin, Sha256 = Convert.ToHexString(ApiKeyStore.Digest(longKey)) }], developmentKey: null);

        Assert.Equal(("long", Roles.Admin), store.Find(longKey));
        Assert.Equal(("long", Roles.Admin), store.Find(longKey));
        Assert.Null(store.Find(longKey.AsSpan(0, longKey.Length - 1)));
    }
}
