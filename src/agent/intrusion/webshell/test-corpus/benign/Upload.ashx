<%@ WebHandler Language="C#" Class="UploadHandler" %>
using System;
using System.IO;
using System.Web;

public class UploadHandler : IHttpHandler
{
    private static readonly string[] Allowed = { ".png", ".jpg", ".pdf" };

    public void ProcessRequest(HttpContext context)
    {
        var file = context.Request.Files["document"];
        if (file == null || file.ContentLength == 0 || file.ContentLength > 5 * 1024 * 1024)
        {
            context.Response.StatusCode = 400;
            return;
        }
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (Array.IndexOf(Allowed, ext) < 0)
        {
            context.Response.StatusCode = 415;
            return;
        }
        var name = Guid.NewGuid().ToString("N") + ext;
        file.SaveAs(Path.Combine(@"D:\uploads", name));
        context.Response.ContentType = "application/json";
        context.Response.Write("{\"id\":\"" + name + "\"}");
    }

    public bool IsReusable { get { return false; } }
}
